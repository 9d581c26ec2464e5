import ts from "typescript";

/** Attributes whose text a person reads or hears. */
const SPOKEN_ATTRIBUTES = new Set([
  "aria-label",
  "aria-description",
  "aria-placeholder",
  "aria-roledescription",
  "aria-valuetext",
  "title",
  "alt",
  "placeholder",
  "label",
  "description",
  "error",
  "caption",
]);
const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

/**
 * User-facing text written in JSX instead of coming from the catalogs: text between tags,
 * a string literal as a child, or a string literal in an attribute people read or hear.
 */
export function findHardCodedText(fileName: string, code: string): string[] {
  const source = ts.createSourceFile(
    fileName,
    code,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const where = (node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    return `${fileName}:${line + 1}`;
  };
  const isLiteral = (node: ts.Node | undefined): node is ts.StringLiteralLike =>
    !!node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node));
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) {
      found.push(`${where(node)} text "${node.text.trim()}"`);
    }
    if (ts.isJsxExpression(node) && !ts.isJsxAttribute(node.parent)) {
      const expression = node.expression;
      if (isLiteral(expression) && hasWords(expression.text)) {
        found.push(`${where(node)} child "${expression.text}"`);
      }
    }
    if (ts.isJsxAttribute(node) && SPOKEN_ATTRIBUTES.has(node.name.getText(source))) {
      const value = node.initializer;
      const literal =
        value && ts.isJsxExpression(value) ? value.expression : (value as ts.Node | undefined);
      if (isLiteral(literal) && hasWords(literal.text)) {
        found.push(`${where(node)} ${node.name.getText(source)}="${literal.text}"`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
