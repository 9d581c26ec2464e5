import type { Snippet } from "../../contracts/search.ts";

/**
 * ts_headline marks matches with these two private-use characters (search.queries.ts
 * removes them from the text first), so a snippet is cut into plain pieces here and no
 * markup ever comes from a record's text.
 */
export const MATCH_START = "\uE000";
export const MATCH_END = "\uE001";

/** "a \uE000prevención\uE001 b" → [{a , false}, {prevención, true}, { b, false}]. */
export function toSnippet(headline: string | null): Snippet {
  if (!headline) return [];
  const pieces: Snippet = [];
  let rest = headline;
  while (rest.length > 0) {
    const start = rest.indexOf(MATCH_START);
    if (start < 0) {
      pieces.push({ text: rest, match: false });
      break;
    }
    if (start > 0) pieces.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(MATCH_END, start + 1);
    const stop = end < 0 ? rest.length : end;
    const text = rest.slice(start + 1, stop);
    if (text) pieces.push({ text, match: true });
    rest = rest.slice(stop + 1);
  }
  // Adjacent marked words read as one highlight.
  return pieces.reduce<Snippet>((merged, piece) => {
    const last = merged.at(-1);
    if (last && last.match === piece.match) last.text += piece.text;
    else merged.push({ ...piece });
    return merged;
  }, []);
}
