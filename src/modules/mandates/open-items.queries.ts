import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/** A mandate with no status for its resolution's current reporting period. */
export interface MandateOpenItem {
  record_id: string;
  label: string;
  organization_id: string | null;
  period: string;
  since: string;
}

/**
 * Mandates with no status for the current period of their resolution: the latest period that
 * has begun by `asOf` (a resolution's last period stays current once it has ended, until a
 * new one is loaded). Owed by the secretariat from the period's first day.
 *
 * Example: AG/RES. 2626 with periods 2011-2012 (from 2011-06-07) and 2012-2013 (from
 * 2012-06-05); asOf 2012-09-01 → each paragraph with no 2012-2013 status, since 2012-06-05.
 */
export async function findMandatesWithoutStatus(
  db: Kysely<Database>,
  options: { asOf: string },
): Promise<MandateOpenItem[]> {
  const result = await sql<MandateOpenItem>`
    with current_period as (
      select distinct on (p.resolution_id) p.resolution_id, p.code, p.starts_on
      from resolution_periods p
      where p.starts_on <= ${options.asOf}::date
      order by p.resolution_id, p.starts_on desc
    )
    select m.id::text as record_id, r.symbol || ' ¶' || m.paragraph as label,
      null::text as organization_id, cp.code as period, cp.starts_on as since
    from mandates m
    join resolutions r on r.id = m.resolution_id
    join current_period cp on cp.resolution_id = m.resolution_id
    where not exists (select 1 from mandate_statuses s
      where s.mandate_id = m.id and s.period_code = cp.code)
    order by r.symbol, m.paragraph
  `.execute(db);
  return result.rows;
}
