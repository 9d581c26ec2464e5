/**
 * One element of an IATI activity, as the streaming reader builds it: small trees, one
 * activity at a time, so memory follows the largest activity rather than the file.
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
}

export interface Narrative {
  lang: string | null;
  text: string;
}

export const childOf = (node: XmlNode, name: string) =>
  node.children.find((child) => child.name === name);

export const childrenOf = (node: XmlNode, name: string) =>
  node.children.filter((child) => child.name === name);

/** `<title><narrative xml:lang="es">…` → [{lang: "es", text}]; no own language → the default. */
export function narrativesOf(node: XmlNode | undefined, defaultLang: string | null): Narrative[] {
  if (!node) return [];
  return childrenOf(node, "narrative")
    .map((n) => ({ lang: n.attrs["xml:lang"] ?? defaultLang, text: n.text.trim() }))
    .filter((n) => n.text.length > 0);
}

/** The narrative in one language, else the first one. */
export function pickNarrative(narratives: Narrative[], lang: string): string | null {
  return narratives.find((n) => n.lang === lang)?.text ?? null;
}
