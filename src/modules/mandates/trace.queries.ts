import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/**
 * The ledger entries of some initiatives as the trace shows them (pledges, commitments,
 * disbursements; reversal rows left out, the entries they reverse marked `reversed`).
 */
export function listTraceFlowRows(db: Kysely<Database>, initiativeIds: string[]) {
  if (initiativeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("support_flows as f")
    .innerJoin("organizations as p", "p.id", "f.partner_id")
    .select((eb) => [
      "f.id",
      "f.initiative_id",
      "f.flow_type",
      "f.support_kind",
      "f.amount_minor",
      "f.currency",
      "f.usd_minor",
      "f.value_date",
      "f.pledge_id",
      "f.commitment_id",
      "p.id as partner_id",
      "p.code as partner_code",
      "p.name_es as partner_name_es",
      "p.name_en as partner_name_en",
      eb
        .exists(
          eb.selectFrom("support_flows as r").select("r.id").whereRef("r.reverses_id", "=", "f.id"),
        )
        .as("reversed"),
    ])
    .where("f.initiative_id", "in", initiativeIds)
    .where("f.reverses_id", "is", null)
    .where("f.flow_type", "in", ["pledge", "commitment", "disbursement"])
    .orderBy("f.value_date")
    .orderBy("f.seq")
    .execute();
}
export type TraceFlowRow = Awaited<ReturnType<typeof listTraceFlowRows>>[number];

export function listTargetRows(db: Kysely<Database>, initiativeIds: string[]) {
  if (initiativeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("initiative_targets as t")
    .innerJoin("indicators as d", "d.id", "t.indicator_id")
    .select([
      "t.initiative_id",
      "t.baseline_value",
      "t.baseline_year",
      "t.target_value",
      "t.target_year",
      "d.code",
      "d.name_es",
      "d.name_en",
      "d.unit",
    ])
    .where("t.initiative_id", "in", initiativeIds)
    .orderBy("d.code")
    .execute();
}
