import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/** Look-ups of the records a new ledger entry points at. */
export function findPartner(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("organizations")
    .select(["id", "code", "kind"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findInitiativeLink(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("initiatives")
    .select(["id", "code", "component_id"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findComponent(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("strategy_components")
    .select(["id", "code"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findConference(db: Kysely<Database>, id: string) {
  return db.selectFrom("conferences").select(["id"]).where("id", "=", id).executeTakeFirst();
}

/** An earlier entry a commitment or disbursement builds on, with whether it was reversed. */
export function findPriorFlow(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("support_flows as f")
    .leftJoin("support_flows as r", "r.reverses_id", "f.id")
    .select([
      "f.id",
      "f.flow_type",
      "f.partner_id",
      "f.initiative_id",
      "f.reverses_id",
      "r.id as reversed_by",
    ])
    .where("f.id", "=", id)
    .executeTakeFirst();
}
