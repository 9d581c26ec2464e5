import { type Kysely, sql } from "kysely";
import type { BlockedRecord } from "../../contracts/exchange-rates.ts";
import { RATE_LOOKBACK_DAYS } from "../../contracts/rate-window.ts";
import type { Database } from "../../platform/db/schema.ts";

/**
 * Every record valued in a currency other than USD, with its value date: initiatives'
 * budgets (drafts included), ledger entries still standing (neither a reversal nor
 * reversed), and the transactions and budgets of current IATI publications kept without a
 * USD value.
 */
const valuedRecords = sql`
  select 'initiative' as kind, i.id::text as id, i.code as label, i.code as initiative_code,
         i.status, i.budget_currency::text as currency, i.budget_value_date as value_date,
         null::int as line
  from initiatives i
  where i.budget_currency <> 'USD'
  union all
  select 'flow', f.id::text, f.flow_type || ' · ' || o.code, i.code, i.status,
         f.currency::text, f.value_date, null::int
  from support_flows f
  join organizations o on o.id = f.partner_id
  left join initiatives i on i.id = f.initiative_id
  where f.currency is not null and f.currency <> 'USD' and f.reverses_id is null
    and not exists (select 1 from support_flows r where r.reverses_id = f.id)
  union all
  select 'iati_transaction', a.id::text || '/' || t.seq, a.iati_identifier, i.code, i.status,
         t.currency::text, t.value_date, t.line
  from iati_transactions t
  join iati_activities a on a.id = t.activity_id
  join iati_publications p on p.id = a.publication_id and p.state = 'current'
  left join initiatives i on i.id = a.initiative_id
  where t.currency <> 'USD' and t.usd_minor is null
  union all
  select 'iati_budget', a.id::text || '/' || b.seq, a.iati_identifier, i.code, i.status,
         b.currency::text, b.value_date, b.line
  from iati_budgets b
  join iati_activities a on a.id = b.activity_id
  join iati_publications p on p.id = a.publication_id and p.state = 'current'
  left join initiatives i on i.id = a.initiative_id
  where b.currency <> 'USD' and b.usd_minor is null
`;

/** Records whose currency has no rate for their value date under findRatesOnOrBefore's rule. */
const blocked = sql`
  select v.* from (${valuedRecords}) as v
  where not exists (
    select 1 from exchange_rates e
    where e.currency = v.currency
      and e.rate_date <= v.value_date
      and e.rate_date >= (v.value_date - ${RATE_LOOKBACK_DAYS}::int)
  )
`;

/** The first `limit` blocked records, by currency, date and kind. */
export async function findBlockedRecords(
  db: Kysely<Database>,
  limit: number,
): Promise<BlockedRecord[]> {
  const result = await sql<BlockedRecord>`
    select b.* from (${blocked}) as b
    order by b.currency, b.value_date, b.kind, b.label, b.id
    limit ${limit}
  `.execute(db);
  return result.rows;
}

/** The missing (currency, date) pairs and how many records each blocks. */
export async function countBlockedByMissingRate(db: Kysely<Database>) {
  const result = await sql<{ currency: string; date: string; records: number }>`
    select b.currency, b.value_date as date, count(*)::int as records
    from (${blocked}) as b
    group by b.currency, b.value_date
    order by b.currency, b.value_date
  `.execute(db);
  return result.rows;
}
