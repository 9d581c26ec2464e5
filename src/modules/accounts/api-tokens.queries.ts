import type { Insertable, Kysely } from "kysely";
import type { ApiTokensTable, Database } from "../../platform/db/schema.ts";

/** What a token's owner sees of it: never its hash. */
const shownColumns = [
  "id",
  "name",
  "prefix",
  "scopes",
  "created_at",
  "expires_at",
  "last_used_at",
  "revoked_at",
] as const;

export function insertApiToken(db: Kysely<Database>, values: Insertable<ApiTokensTable>) {
  return db
    .insertInto("api_tokens")
    .values(values)
    .returning(shownColumns)
    .executeTakeFirstOrThrow();
}

export function listUserApiTokens(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("api_tokens")
    .select(shownColumns)
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
}

/** Revokes one live token of the user's; undefined when they have no such live token. */
export function revokeApiTokenRow(db: Kysely<Database>, userId: string, id: string) {
  return db
    .updateTable("api_tokens")
    .set({ revoked_at: new Date() })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .returning(shownColumns)
    .executeTakeFirst();
}

/**
 * A live token (not revoked, not expired) of an active user, with the role it was made under
 * and its user's present role and organization.
 */
export function findLiveTokenRow(db: Kysely<Database>, tokenHash: string) {
  return (
    db
      .selectFrom("api_tokens as t")
      .innerJoin("users as u", "u.id", "t.user_id")
      .innerJoin("organizations as o", "o.id", "u.organization_id")
      .select([
        "t.id",
        "t.scopes",
        "t.last_used_at",
        "t.role as token_role",
        "u.id as user_id",
        "u.email",
        "u.role",
        "u.totp_enabled",
        "u.is_demo",
        "u.organization_id",
        "o.kind",
        "o.country_iso2",
      ])
      .where("t.token_hash", "=", tokenHash)
      .where("t.revoked_at", "is", null)
      .where("t.expires_at", ">", new Date())
      .where("u.active", "=", true)
      // A token speaks for the organization it was made for, and no other.
      .whereRef("t.organization_id", "=", "u.organization_id")
      .executeTakeFirst()
  );
}

export function touchApiToken(db: Kysely<Database>, id: string) {
  return db
    .updateTable("api_tokens")
    .set({ last_used_at: new Date() })
    .where("id", "=", id)
    .execute();
}
