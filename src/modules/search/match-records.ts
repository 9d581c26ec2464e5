import { sql } from "kysely";
import type { SearchKind } from "../../contracts/search.ts";
import { toTsQueryText, wordsOf } from "./query-terms.ts";
import { matchingRecordIds } from "./search.queries.ts";

/**
 * The ids of one kind's records matching `q` as the search matches it (both languages,
 * accents ignored, drafts included): a subquery for a module's own list filter, such as the
 * initiatives' `q`, which keeps its own visibility rules. A `q` without a letter or digit
 * ("-", "¿?") matches nothing here, so a list filtered while someone types never fails.
 */
export function recordsMatching(kind: SearchKind, q: string) {
  const terms = wordsOf(q);
  if (terms.length === 0) return sql<string>`(select null::uuid where false)`;
  return matchingRecordIds(kind, toTsQueryText(terms));
}
