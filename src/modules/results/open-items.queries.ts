import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/** An initiative in execution with no result reported for the year (a reminder's open item). */
export interface ResultOpenItem {
  record_id: string;
  label: string;
  organization_id: string | null;
  initiative_code: string;
  period: string;
  since: string;
}

/**
 * Initiatives in execution with no actual reported for `year` on any indicator of their own
 * results framework (or with no framework, so nothing can be reported), owed by the lead
 * country's member-state organization from 1 January of the year after. A national rate is
 * context, not an initiative's result, so it never closes the item.
 *
 * Example: asOf 2013-03-01 → year 2012; initiative AC1 (GT) has the output OUT-1 with no
 * actual for 2012 → an item since 2013-01-01, closed once Guatemala reports OUT-1 for 2012.
 */
export async function findResultsNotReported(
  db: Kysely<Database>,
  options: { year: number },
): Promise<ResultOpenItem[]> {
  const result = await sql<ResultOpenItem>`
    select i.id::text as record_id, i.code as label, o.id::text as organization_id,
      i.code as initiative_code, ${String(options.year)}::text as period,
      make_date(${options.year + 1}, 1, 1) as since
    from initiatives i
    left join organizations o on o.kind = 'member_state' and o.country_iso2 = i.lead_country
    where i.status = 'in_execution'
      and not exists (
        select 1 from results_indicators ri
        join results_actuals ra on ra.results_indicator_id = ri.id and ra.year = ${options.year}
        where ri.initiative_id = i.id)
    order by i.code
  `.execute(db);
  return result.rows;
}
