import type { Kysely } from "kysely";
import { type SearchAnswer, searchKinds } from "../../contracts/search.ts";
import type { Database } from "../../platform/db/schema.ts";
import { queryTerms, toTsQueryText } from "./query-terms.ts";
import { checkTerms, countSearchHits, findSearchHits } from "./search.queries.ts";
import type { SearchQuery } from "./search.schema.ts";
import { toSnippet } from "./snippet.ts";

/** Words shorter than this are not corrected: too short to tell a typo from another word. */
const MIN_CORRECTED_LENGTH = 4;

/**
 * The one search (GET /api/search): published initiatives, partners, OAS bodies, mandates
 * and practices whose text holds every word of the query, in Spanish or English, accents
 * ignored; ranked, each with a snippet, the counts per kind, and a suggestion when a word is
 * found nowhere ("violencai" → "violencia").
 */
export async function searchRecords(options: {
  db: Kysely<Database>;
  query: SearchQuery;
}): Promise<SearchAnswer> {
  const { db, query } = options;
  const terms = queryTerms(query.q);
  const tsQuery = toTsQueryText(terms);
  const filters = { kind: query.kind, component: query.component, country: query.country };
  const [hits, counts, checks] = await Promise.all([
    findSearchHits(db, {
      tsQuery,
      filters,
      lang: query.lang,
      limit: query.limit,
      offset: query.offset,
    }),
    countSearchHits(db, { tsQuery, filters }),
    checkTerms(db, terms),
  ]);
  const perKind = Object.fromEntries(
    searchKinds.map((kind) => [kind, counts.get(kind) ?? 0]),
  ) as SearchAnswer["counts"];
  const total = query.kind
    ? perKind[query.kind]
    : Object.values(perKind).reduce((sum, count) => sum + count, 0);
  return {
    query: query.q,
    data: hits.map((hit) => ({
      kind: hit.kind,
      id: hit.record_id,
      ref: hit.ref,
      code: hit.code,
      title: { es: hit.title_es, en: hit.title_en },
      language: hit.language,
      snippet: toSnippet(hit.headline),
      components: hit.components,
      countries: hit.countries,
    })),
    page: { total, limit: query.limit, offset: query.offset },
    counts: perKind,
    suggestion: suggestion(checks),
  };
}

/** The query again with each word found nowhere replaced by its closest known word. */
function suggestion(checks: { term: string; found: boolean; closest: string | null }[]) {
  let changed = false;
  const words = checks.map((check) => {
    if (check.found || check.term.length < MIN_CORRECTED_LENGTH || !check.closest)
      return check.term;
    changed = true;
    return check.closest;
  });
  return changed ? words.join(" ") : null;
}
