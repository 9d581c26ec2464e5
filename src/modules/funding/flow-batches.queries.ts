import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { sqlArray, sqlList } from "../../platform/db/sql-arrays.ts";
import type { FlowValues, IdentifiedFlowValues } from "./entry-rows.ts";
import {
  type FlowRow,
  LEDGER_LOCK_NAMESPACE,
  type LedgerPair,
  selectFlows,
} from "./flows.queries.ts";

/** Rows per insert statement: each column travels as one text parameter. */
export const FLOWS_PER_STATEMENT = 2000;

/** The SQL type of every column a ledger entry is written with (the type checker keeps it whole). */
const flowColumnTypes: Record<keyof FlowValues | "id", string> = {
  id: "uuid",
  flow_type: "text",
  support_kind: "text",
  partner_id: "uuid",
  initiative_id: "uuid",
  component_id: "uuid",
  description: "text",
  amount_minor: "bigint",
  currency: "text",
  value_date: "date",
  usd_minor: "bigint",
  fx_rate: "numeric",
  fx_date: "date",
  pledge_id: "uuid",
  commitment_id: "uuid",
  reverses_id: "uuid",
  conference_id: "uuid",
  conference_session_id: "uuid",
  over_commitment_reason: "text",
  finance_type: "text",
  illustrative: "boolean",
  illustrative_fields: "jsonb",
  source: "text",
  note: "text",
  recorded_by: "text",
  recorded_by_user_id: "uuid",
};
const flowColumns = Object.keys(flowColumnTypes) as Array<keyof typeof flowColumnTypes>;

/**
 * Appends entries in the order given (their seq follows it), FLOWS_PER_STATEMENT rows per
 * statement, each column one array parameter. The audit trigger still logs each row.
 */
export async function insertFlowRows(
  db: Kysely<Database>,
  rows: readonly IdentifiedFlowValues[],
): Promise<void> {
  const names = sql.join(flowColumns.map((column) => sql.ref(column)));
  for (let at = 0; at < rows.length; at += FLOWS_PER_STATEMENT) {
    const batch = rows.slice(at, at + FLOWS_PER_STATEMENT);
    const columns = flowColumns.map((column) =>
      sqlArray(
        batch.map((row) => row[column] ?? null),
        flowColumnTypes[column],
      ),
    );
    await sql`
      insert into support_flows (${names})
      select ${names} from unnest(${sql.join(columns)}) with ordinality as u(${names}, ord)
      order by ord
    `.execute(db);
  }
}

/** Entries by id, each with the id of its reversal (in no particular order). */
export function findFlowRowsByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<FlowRow[]> {
  return selectFlows(db)
    .where(sql<boolean>`f.id in ${sqlList(ids, "uuid")}`)
    .execute();
}

/** lockInitiativePartner for many pairs, taken in one order so two writers never deadlock. */
export async function lockInitiativePartners(db: Kysely<Database>, pairs: readonly LedgerPair[]) {
  const keys = [...new Set(pairs.map((pair) => `${pair.initiativeId}/${pair.partnerId}`))].sort();
  if (!keys.length) return;
  await sql`
    select count(pg_advisory_xact_lock(${LEDGER_LOCK_NAMESPACE}, hashtext(k.key)))
    from (select key from unnest(${sqlArray(keys, "text")}) as key order by key) as k
  `.execute(db);
}

/**
 * The first of `ids` (in seq order) after which its pair had more disbursed than committed,
 * with the pair's totals at that entry: the running sums, net of reversals, over the pair's
 * entries up to and including it — what sumInitiativePartner reads right after that entry
 * when entries are written one by one.
 */
export async function findFirstOverCommitment(db: Kysely<Database>, ids: readonly string[]) {
  if (!ids.length) return undefined;
  // The running sums stay numeric (exact, never out of bigint's range), read back as bigint.
  const result = await sql<{ id: string; committed: string; disbursed: string }>`
    with checked as (
      select unnest(${sqlArray(ids, "uuid")}) as id
    ), pairs as (
      select distinct f.initiative_id, f.partner_id
      from support_flows f join checked c on c.id = f.id
    ), running as (
      select f.id, f.seq,
        coalesce(sum(f.usd_minor) filter (where f.flow_type = 'commitment') over pair, 0)
          as committed,
        coalesce(sum(f.usd_minor) filter (where f.flow_type = 'disbursement') over pair, 0)
          as disbursed
      from support_flows f
      join pairs p on p.initiative_id = f.initiative_id and p.partner_id = f.partner_id
      window pair as (partition by f.initiative_id, f.partner_id order by f.seq)
    )
    select r.id, r.committed, r.disbursed
    from running r join checked c on c.id = r.id
    where r.disbursed > r.committed
    order by r.seq
    limit 1
  `.execute(db);
  const first = result.rows[0];
  return (
    first && {
      id: first.id,
      committed: BigInt(first.committed),
      disbursed: BigInt(first.disbursed),
    }
  );
}
