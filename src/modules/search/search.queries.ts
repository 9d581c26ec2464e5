import { type Kysely, type RawBuilder, sql } from "kysely";
import type { SearchKind } from "../../contracts/search.ts";
import type { Database } from "../../platform/db/schema.ts";
import { sqlArray } from "../../platform/db/sql-arrays.ts";
import { MATCH_END, MATCH_START } from "./snippet.ts";

/*
 * SQL only. The vectors are the expressions search_documents' two GIN indexes are built on
 * (20261207008010_search.sql), written the same way here so PostgreSQL uses them.
 */
const vectorEs = sql`esca_search_vector('esca_es', d.code, d.title_es, d.summary_es, d.body_es)`;
const vectorEn = sql`esca_search_vector('esca_en', d.code, d.title_en, d.summary_en, d.body_en)`;
const queryEs = (text: string) => sql`to_tsquery('esca_es', ${text})`;
const queryEn = (text: string) => sql`to_tsquery('esca_en', ${text})`;
const matches = (text: string) =>
  sql<boolean>`(${vectorEs} @@ ${queryEs(text)} or ${vectorEn} @@ ${queryEn(text)})`;

export interface SearchFilters {
  kind?: SearchKind | undefined;
  component?: string | undefined;
  country?: string | undefined;
}

function filtersSql(filters: SearchFilters, withKind: boolean): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`d.published`];
  if (withKind && filters.kind) parts.push(sql`d.kind = ${filters.kind}`);
  if (filters.component) parts.push(sql`${filters.component}::text = any(d.components)`);
  if (filters.country) parts.push(sql`${filters.country}::text = any(d.countries)`);
  return sql.join(parts, sql` and `);
}

export interface SearchHitRow {
  kind: SearchKind;
  record_id: string;
  ref: string;
  code: string | null;
  language: "es" | "en" | null;
  title_es: string | null;
  title_en: string | null;
  components: string[];
  countries: string[];
  headline: string | null;
}

const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`;
const strip = (column: RawBuilder<unknown>) =>
  sql`translate(${column}, ${MATCH_START + MATCH_END}, '')`;

/**
 * One page of published records matching `tsQuery` in either language, best first: rank in
 * the language that matches better (title A, summary B, body C), then title. The snippet
 * comes from that language's summary and body, the reader's language on a tie.
 */
export async function findSearchHits(
  db: Kysely<Database>,
  options: {
    tsQuery: string;
    filters: SearchFilters;
    lang: "es" | "en";
    limit: number;
    offset: number;
  },
): Promise<SearchHitRow[]> {
  const { tsQuery, lang } = options;
  const result = await sql<SearchHitRow>`
    with hits as (
      select d.*,
        case when ${vectorEs} @@ ${queryEs(tsQuery)}
          then ts_rank(${vectorEs}, ${queryEs(tsQuery)}) else 0 end as rank_es,
        case when ${vectorEn} @@ ${queryEn(tsQuery)}
          then ts_rank(${vectorEn}, ${queryEn(tsQuery)}) else 0 end as rank_en
      from search_documents d
      where ${filtersSql(options.filters, true)} and ${matches(tsQuery)}
    ), page as (
      select *, greatest(rank_es, rank_en) as rank,
        case when rank_es > rank_en or (rank_es = rank_en and ${lang} = 'es') then 'es'
          else 'en' end as shown
      from hits
      order by greatest(rank_es, rank_en) desc, coalesce(title_en, title_es), record_id
      limit ${options.limit} offset ${options.offset}
    )
    select kind, record_id, ref, code, language, title_es, title_en, components, countries,
      case when shown = 'es' then ts_headline('esca_es',
          ${strip(sql`coalesce(nullif(concat_ws(' — ', summary_es, body_es), ''), title_es, '')`)},
          ${queryEs(tsQuery)}, ${HEADLINE_OPTIONS})
        else ts_headline('esca_en',
          ${strip(sql`coalesce(nullif(concat_ws(' — ', summary_en, body_en), ''), title_en, '')`)},
          ${queryEn(tsQuery)}, ${HEADLINE_OPTIONS})
      end as headline
    from page
    order by rank desc, coalesce(title_en, title_es), record_id`.execute(db);
  return result.rows;
}

/** How many published records match, per kind, under the filters other than kind. */
export async function countSearchHits(
  db: Kysely<Database>,
  options: { tsQuery: string; filters: SearchFilters },
): Promise<Map<SearchKind, number>> {
  const result = await sql<{ kind: SearchKind; count: number }>`
    select d.kind, count(*)::int as count from search_documents d
    where ${filtersSql(options.filters, false)} and ${matches(options.tsQuery)}
    group by d.kind`.execute(db);
  return new Map(result.rows.map((row) => [row.kind, row.count]));
}

export interface TermCheckRow {
  term: string;
  found: boolean;
  closest: string | null;
}

/**
 * For each word: does it match any published record alone, and which word of the published
 * records is the closest to it (trigram similarity of the unaccented forms, 0.3 or more).
 */
export async function checkTerms(db: Kysely<Database>, terms: string[]): Promise<TermCheckRow[]> {
  const result = await sql<TermCheckRow>`
    with known as (
      select distinct unnest(d.words) as word from search_documents d where d.published
    )
    select t.term,
      exists (select 1 from search_documents d where d.published and ${sql`(${vectorEs} @@ to_tsquery('esca_es', t.term) or ${vectorEn} @@ to_tsquery('esca_en', t.term))`}) as found,
      (select k.word from known k
        where similarity(esca_unaccent(k.word), esca_unaccent(lower(t.term))) >= 0.3
          and esca_unaccent(k.word) <> esca_unaccent(lower(t.term))
        order by similarity(esca_unaccent(k.word), esca_unaccent(lower(t.term))) desc, k.word
        limit 1) as closest
    from unnest(${sqlArray(terms, "text")}) with ordinality as t(term, n)
    order by t.n`.execute(db);
  return result.rows;
}

/**
 * The ids of the records of one kind whose text matches `tsQuery`, published or not: for a
 * module's own list (the initiatives' `q`), which applies its own visibility rules.
 */
export function matchingRecordIds(kind: SearchKind, tsQuery: string) {
  return sql<string>`(select d.record_id from search_documents d
    where d.kind = ${kind} and ${matches(tsQuery)})`;
}
