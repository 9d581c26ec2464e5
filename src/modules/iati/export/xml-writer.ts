/** A small XML writer for the export: elements as nested arrays, escaped once, indented. */
export type XmlAttrs = Record<string, string | number | null | undefined>;
export interface XmlElement {
  name: string;
  attrs: XmlAttrs;
  children: Array<XmlElement | string>;
}

export const el = (
  name: string,
  attrs: XmlAttrs = {},
  ...children: Array<XmlElement | string | null | false>
): XmlElement => ({
  name,
  attrs,
  children: children.filter((c): c is XmlElement | string => c !== null && c !== false),
});

const escapeText = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, "&quot;");
// Control characters other than tab and newlines cannot appear in XML 1.0 at all.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point: they are removed.
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const clean = (text: string) => text.replace(notXml, "");

export function renderXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const write = (node: XmlElement, depth: number) => {
    const pad = " ".repeat(depth);
    const attrs = Object.entries(node.attrs)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([key, value]) => ` ${key}="${escapeAttr(clean(String(value)))}"`)
      .join("");
    if (node.children.length === 0) return out.push(`${pad}<${node.name}${attrs}/>\n`);
    if (node.children.every((c) => typeof c === "string"))
      return out.push(
        `${pad}<${node.name}${attrs}>${escapeText(clean(node.children.join("")))}</${node.name}>\n`,
      );
    out.push(`${pad}<${node.name}${attrs}>\n`);
    for (const child of node.children) {
      if (typeof child === "string") out.push(`${pad} ${escapeText(clean(child))}\n`);
      else write(child, depth + 1);
    }
    return out.push(`${pad}</${node.name}>\n`);
  };
  write(root, 0);
  return out.join("");
}

/** Narratives in Spanish and English, those that exist. */
export const narratives = (texts: { es?: string | null; en?: string | null }) =>
  (["es", "en"] as const).flatMap((lang) => {
    const text = texts[lang]?.trim();
    return text ? [el("narrative", { "xml:lang": lang }, text)] : [];
  });
