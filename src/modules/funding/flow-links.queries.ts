import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { sqlList } from "../../platform/db/sql-arrays.ts";

/**
 * Look-ups of the records new ledger entries point at, one statement per kind of record
 * whatever the number of entries (a single entry asks with a one-element list).
 */
const idIn = (column: string, ids: readonly string[]) =>
  sql<boolean>`${sql.ref(column)} in ${sqlList(ids, "uuid")}`;

export function findPartners(db: Kysely<Database>, ids: readonly string[]) {
  return db
    .selectFrom("organizations")
    .select(["id", "code", "kind"])
    .where(idIn("id", ids))
    .execute();
}

export function findInitiativeLinks(db: Kysely<Database>, ids: readonly string[]) {
  return db
    .selectFrom("initiatives")
    .select(["id", "code", "component_id", "published_at", "lead_country"])
    .where(idIn("id", ids))
    .execute();
}

export function findComponents(db: Kysely<Database>, ids: readonly string[]) {
  return db
    .selectFrom("strategy_components")
    .select(["id", "code"])
    .where(idIn("id", ids))
    .execute();
}

export function findConferences(db: Kysely<Database>, ids: readonly string[]) {
  return db.selectFrom("conferences").select(["id", "code"]).where(idIn("id", ids)).execute();
}

export function findConferenceSessions(db: Kysely<Database>, ids: readonly string[]) {
  return db
    .selectFrom("conference_sessions")
    .select(["id", "conference_id"])
    .where(idIn("id", ids))
    .execute();
}

/**
 * Earlier entries commitments or disbursements build on, with whether each was reversed and
 * what decides who may read them (their initiative's publication and country).
 */
export function findPriorFlows(db: Kysely<Database>, ids: readonly string[]) {
  return db
    .selectFrom("support_flows as f")
    .leftJoin("support_flows as r", "r.reverses_id", "f.id")
    .leftJoin("initiatives as i", "i.id", "f.initiative_id")
    .select([
      "f.id",
      "f.flow_type",
      "f.partner_id",
      "f.initiative_id",
      "i.code as initiative_code",
      "f.reverses_id",
      "r.id as reversed_by",
      "i.published_at as initiative_published_at",
      "i.lead_country as initiative_lead_country",
    ])
    .where(idIn("f.id", ids))
    .execute();
}
