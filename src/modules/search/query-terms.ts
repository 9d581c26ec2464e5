import { invalidField } from "../../platform/errors.ts";

/** At most this many words of a query are searched; the rest are ignored. */
export const MAX_TERMS = 8;

/**
 * The words of a query: runs of letters and digits, in the order typed. Punctuation and
 * operators are dropped, so nothing the reader types reaches to_tsquery as syntax.
 * "¿Prevención  de la violencia?" → ["Prevención", "de", "la", "violencia"].
 */
export function queryTerms(q: string): string[] {
  const terms = wordsOf(q);
  if (terms.length === 0)
    throw invalidField("q", "type at least one letter or digit to search for", {
      code: "search_no_words",
    });
  return terms;
}

/** The words of a query as queryTerms reads them; none when it holds no letter or digit. */
export function wordsOf(q: string): string[] {
  const terms = q.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
  return terms.slice(0, MAX_TERMS).map((term) => term.slice(0, 60));
}

/**
 * The text search query for both configurations: every word must match; the last one also
 * as the start of a word (the reader may still be typing it) when it has three letters or
 * more. ["prevencion", "juven"] → "prevencion & juven:*".
 */
export function toTsQueryText(terms: string[]): string {
  return terms
    .map((term, index) => (index === terms.length - 1 && term.length >= 3 ? `${term}:*` : term))
    .join(" & ");
}
