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

/** `<title><narrative xml:lang="es">…` → [{lang: "es", text}]; no own language → the default. */
export function narrativesOf(node: XmlNode | undefined, defaultLang: string | null): Narrative[] {
  const narratives: Narrative[] = [];
  if (!node) return narratives;
  // One pass, no intermediate arrays: every activity has a dozen of these.
  for (const child of node.children) {
    if (child.name !== "narrative") continue;
    const text = child.text.trim();
    if (text.length > 0) narratives.push({ lang: child.attrs["xml:lang"] ?? defaultLang, text });
  }
  return narratives;
}

/** The narrative in one language, else the first one. */
export function pickNarrative(narratives: Narrative[], lang: string): string | null {
  return narratives.find((n) => n.lang === lang)?.text ?? null;
}

/**
 * A string of its own: text read from the file is a slice of the chunk it came from, and a
 * slice kept (an identifier remembered to the end of the file) keeps its whole chunk alive.
 */
export const detached = (text: string): string => Buffer.from(text, "utf8").toString("utf8");
