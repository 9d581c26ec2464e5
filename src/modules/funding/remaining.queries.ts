import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { sqlList } from "../../platform/db/sql-arrays.ts";
import { type FlowVisibility, visibleEntry } from "./flows.queries.ts";

/**
 * Per pledge or commitment of `ids`: its own amounts and what was recorded against it — the
 * commitments fulfilling a pledge, the disbursements paying a commitment — summed net of
 * reversals (a reversal row keeps the link and negates the amounts, so a plain sum nets it).
 * Summed in numeric, as the roll-up sums.
 */
export function sumRecordedAgainst(
  db: Kysely<Database>,
  ids: readonly string[],
  visibility: FlowVisibility,
) {
  return db
    .selectFrom("support_flows as p")
    .leftJoin("support_flows as c", (join) =>
      join.on((eb) =>
        eb.and([
          // A reader counts only what they may see (the public: nothing on a draft initiative).
          visibility.all ? sql<boolean>`true` : visibleEntry("c", visibility),
          eb.or([
            eb.and([
              eb("p.flow_type", "=", "pledge"),
              eb("c.flow_type", "=", "commitment"),
              eb("c.pledge_id", "=", eb.ref("p.id")),
            ]),
            eb.and([
              eb("p.flow_type", "=", "commitment"),
              eb("c.flow_type", "=", "disbursement"),
              eb("c.commitment_id", "=", eb.ref("p.id")),
            ]),
          ]),
        ]),
      ),
    )

    .select([
      "p.id",
      "p.amount_minor",
      "p.currency",
      "p.usd_minor",
      sql<string>`coalesce(sum(c.usd_minor), 0)`.as("against_usd_minor"),
      sql<string>`coalesce(sum(c.amount_minor) filter (where c.currency = p.currency), 0)`.as(
        "against_own_minor",
      ),
      sql<string>`count(c.id) filter (where c.amount_minor is not null and c.currency is distinct from p.currency)`.as(
        "in_other_currencies",
      ),
    ])
    .where(sql<boolean>`p.id in ${sqlList(ids, "uuid")}`)
    .where("p.flow_type", "in", ["pledge", "commitment"])
    .groupBy(["p.id", "p.amount_minor", "p.currency", "p.usd_minor"])
    .execute();
}
