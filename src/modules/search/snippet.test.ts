import { describe, expect, it } from "vitest";
import { queryTerms, toTsQueryText, wordsOf } from "./query-terms.ts";
import { MATCH_END, MATCH_START, toSnippet } from "./snippet.ts";

describe("a search's words and snippets", () => {
  it("keeps only letters and digits, so nothing typed reaches to_tsquery as syntax", () => {
    expect(queryTerms("¿Prevención & (violencia) | !juvenil:*?")).toEqual([
      "Prevención",
      "violencia",
      "juvenil",
    ]);
    expect(toTsQueryText(["prevencion", "juven"])).toBe("prevencion & juven:*");
    expect(toTsQueryText(["de"])).toBe("de");
    expect(wordsOf("a b c d e f g h i j")).toHaveLength(8);
    expect(() => queryTerms("?!")).toThrow(/Search words: type at least one letter or digit/);
  });

  it("cuts a headline into plain pieces, the matches marked, markup left as text", () => {
    const headline = `<b>x</b> la ${MATCH_START}prevención${MATCH_END} de ${MATCH_START}violencia${MATCH_END}`;
    expect(toSnippet(headline)).toEqual([
      { text: "<b>x</b> la ", match: false },
      { text: "prevención", match: true },
      { text: " de ", match: false },
      { text: "violencia", match: true },
    ]);
    expect(toSnippet(null)).toEqual([]);
    expect(toSnippet(`${MATCH_START}sin cierre`)).toEqual([{ text: "sin cierre", match: true }]);
  });
});
