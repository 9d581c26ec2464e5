import type { Insertable, Kysely } from "kysely";
import type { Database, SessionsTable } from "../../platform/db/schema.ts";
import { selectUsers } from "./users.queries.ts";

export function insertSession(db: Kysely<Database>, values: Insertable<SessionsTable>) {
  return db.insertInto("sessions").values(values).execute();
}

/** An open session within its lifetime, used since `idleSince`, of an active user. */
export function findLiveSessionRow(db: Kysely<Database>, tokenHash: string, idleSince: Date) {
  return db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.token_hash", "s.user_id", "s.csrf_token", "s.totp_verified", "s.last_seen_at"])
    .where("s.token_hash", "=", tokenHash)
    .where("s.ended_at", "is", null)
    .where("s.expires_at", ">", new Date())
    .where("s.last_seen_at", ">", idleSince)
    .where("u.active", "=", true)
    .executeTakeFirst();
}

/**
 * As findLiveSessionRow, with the session's user and organization as selectUsers reads them:
 * what authenticating a request needs, in one statement.
 */
export function findLiveSessionUserRow(db: Kysely<Database>, tokenHash: string, idleSince: Date) {
  return selectUsers(db)
    .innerJoin("sessions as s", "s.user_id", "u.id")
    .select([
      "s.csrf_token as session_csrf_token",
      "s.totp_verified as session_totp_verified",
      "s.last_seen_at as session_last_seen_at",
    ])
    .where("s.token_hash", "=", tokenHash)
    .where("s.ended_at", "is", null)
    .where("s.expires_at", ">", new Date())
    .where("s.last_seen_at", ">", idleSince)
    .where("u.active", "=", true)
    .executeTakeFirst();
}

/** Moves a session's idle clock forward. */
export function touchSession(db: Kysely<Database>, tokenHash: string) {
  return db
    .updateTable("sessions")
    .set({ last_seen_at: new Date() })
    .where("token_hash", "=", tokenHash)
    .execute();
}

/** Ends an open session; its user's id, or undefined when there was none open. */
export function endSessionRow(db: Kysely<Database>, tokenHash: string) {
  return db
    .updateTable("sessions")
    .set({ ended_at: new Date() })
    .where("token_hash", "=", tokenHash)
    .where("ended_at", "is", null)
    .returning("user_id")
    .executeTakeFirst();
}

export function markSessionTotpVerified(db: Kysely<Database>, tokenHash: string) {
  return db
    .updateTable("sessions")
    .set({ totp_verified: true })
    .where("token_hash", "=", tokenHash)
    .execute();
}
