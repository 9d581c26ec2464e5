import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/**
 * What a report reads beside the roll-up and the mandates, as it stood at `asOf`: the
 * published initiatives (status from their last transition by then), indicator values
 * recorded by then, and how much of the ledger is sourced or illustrative.
 */
export async function listInitiativesAsOf(db: Kysely<Database>, asOf: Date) {
  const result = await sql<{
    code: string;
    title_es: string | null;
    title_en: string | null;
    component: string;
    lead_country: string;
    status: string;
    illustrative: boolean;
    source: string | null;
  }>`
    select i.code, i.title_es, i.title_en, c.code::text as component,
      i.lead_country::text as lead_country, i.illustrative, i.source,
      coalesce((select t.to_status from initiative_transitions t
        where t.initiative_id = i.id and t.at <= ${asOf} order by t.seq desc limit 1),
        i.status)::text as status
    from initiatives i join strategy_components c on c.id = i.component_id
    where i.published_at <= ${asOf} and i.created_at <= ${asOf}
    order by i.code`.execute(db);
  return result.rows;
}

export async function listObservationsAsOf(db: Kysely<Database>, asOf: Date) {
  const result = await sql<{
    code: string;
    name_es: string;
    name_en: string;
    unit: string;
    country: string;
    year: number;
    value: string;
    source: string;
  }>`
    select i.code, i.name_es, i.name_en, i.unit, o.country_iso2::text as country, o.year,
      o.value::text as value, o.source
    from indicator_observations o join indicators i on i.id = o.indicator_id
    where o.created_at <= ${asOf}
    order by i.code, o.country_iso2, o.year`.execute(db);
  return result.rows;
}

/** The ledger entries the public sees at `asOf`: how many, how many made up, their sources. */
export async function describeLedgerAsOf(db: Kysely<Database>, asOf: Date) {
  const result = await sql<{
    flows: number;
    illustrative_flows: number;
    sources: string[] | null;
  }>`
    select count(*)::int as flows,
      (count(*) filter (where f.illustrative))::int as illustrative_flows,
      array_agg(distinct f.source order by f.source) filter (where f.source is not null) as sources
    from support_flows f left join initiatives i on i.id = f.initiative_id
    where f.recorded_at <= ${asOf} and (f.initiative_id is null or i.published_at <= ${asOf})`.execute(
    db,
  );
  const row = result.rows[0];
  return {
    flows: row?.flows ?? 0,
    illustrative_flows: row?.illustrative_flows ?? 0,
    sources: row?.sources ?? [],
  };
}
