import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/**
 * The ledger's open items for reminders (issue 12, item 3): each row names the record, the
 * organization that must act on it (null: the secretariat) and the day it fell due. Computed
 * from the ledger as it stands, so an item is gone once its record is fixed.
 */
export interface LedgerOpenItem {
  record_id: string;
  label: string;
  organization_id: string | null;
  initiative_code: string | null;
  amount_minor: bigint | null;
  currency: string | null;
  since: string;
}

/** An entry still standing: neither a reversal nor reversed. */
const standing = (alias: string) =>
  sql.raw(`${alias}.reverses_id is null
    and not exists (select 1 from support_flows rv where rv.reverses_id = ${alias}.id)`);

/**
 * Standing entries of one type `months` past their value date that nothing has followed yet
 * (`followed`: a condition on the entry f), each due from its value date plus `months`.
 */
async function findOverdueEntries(
  db: Kysely<Database>,
  options: { flowType: "pledge" | "commitment"; asOf: string; months: number },
  followed: RawBuilder<unknown>,
): Promise<LedgerOpenItem[]> {
  const due = sql`(f.value_date + make_interval(months => ${options.months}))::date`;
  const result = await sql<LedgerOpenItem>`
    select f.id::text as record_id, o.code || ' · ' || f.value_date::text as label,
      f.partner_id::text as organization_id, i.code as initiative_code,
      f.amount_minor, f.currency::text as currency, ${due} as since
    from support_flows f
    join organizations o on o.id = f.partner_id
    left join initiatives i on i.id = f.initiative_id
    where f.flow_type = ${options.flowType} and ${standing("f")}
      and ${due} <= ${options.asOf}::date
      and not ${followed}
    order by since, f.id
  `.execute(db);
  return result.rows;
}

/**
 * Pledges with no standing commitment referencing them `months` after their value date.
 * Example: a pledge of 2011-06-22 with months = 6 is due on 2011-12-22 and stays open until
 * a commitment names it (pledge_id) or it is reversed.
 */
export function findPledgesNotCommitted(
  db: Kysely<Database>,
  options: { asOf: string; months: number },
): Promise<LedgerOpenItem[]> {
  return findOverdueEntries(
    db,
    { ...options, flowType: "pledge" },
    sql`exists (select 1 from support_flows c
      where c.flow_type = 'commitment' and c.pledge_id = f.id and ${standing("c")})`,
  );
}

/**
 * Commitments `months` past their value date with no standing disbursement: none naming them
 * (commitment_id), and none of the same partner to the same initiative naming no commitment.
 */
export function findCommitmentsNotDisbursed(
  db: Kysely<Database>,
  options: { asOf: string; months: number },
): Promise<LedgerOpenItem[]> {
  return findOverdueEntries(
    db,
    { ...options, flowType: "commitment" },
    sql`exists (select 1 from support_flows d
      where d.flow_type = 'disbursement' and ${standing("d")}
        and (d.commitment_id = f.id
          or (d.commitment_id is null and f.initiative_id is not null
            and d.initiative_id = f.initiative_id and d.partner_id = f.partner_id)))`,
  );
}

/** Over-disbursement requests awaiting the secretariat's decision, since the day asked. */
export async function findPendingOverDisbursements(
  db: Kysely<Database>,
): Promise<LedgerOpenItem[]> {
  const result = await sql<LedgerOpenItem>`
    select r.id::text as record_id, o.code || ' · ' || i.code as label,
      null::text as organization_id, i.code as initiative_code,
      r.amount_minor, r.currency::text as currency, r.requested_at::date as since
    from over_disbursement_requests r
    join organizations o on o.id = r.partner_id
    join initiatives i on i.id = r.initiative_id
    where r.status = 'requested'
    order by since, r.id
  `.execute(db);
  return result.rows;
}

/**
 * Standing entries that name no source and are not marked illustrative: a figure the public
 * would see without saying where it comes from. Due from the day it was recorded.
 */
export async function findFlowsWithoutSource(db: Kysely<Database>): Promise<LedgerOpenItem[]> {
  const result = await sql<LedgerOpenItem>`
    select f.id::text as record_id, f.flow_type || ' · ' || o.code || ' · ' || f.value_date::text
        as label,
      f.partner_id::text as organization_id, i.code as initiative_code,
      f.amount_minor, f.currency::text as currency, f.recorded_at::date as since
    from support_flows f
    join organizations o on o.id = f.partner_id
    left join initiatives i on i.id = f.initiative_id
    where ${standing("f")} and not f.illustrative
      and (f.source is null or btrim(f.source) = '')
    order by since, f.id
  `.execute(db);
  return result.rows;
}
