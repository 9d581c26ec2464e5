import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/**
 * Counts one guess on `key` in one atomic upsert, unless the key is waiting: its count of
 * guesses so far, or undefined when it is blocked (nothing counted).
 */
export async function countGuess(
  db: Kysely<Database>,
  key: string,
  now: Date,
): Promise<number | undefined> {
  const counted = await db
    .insertInto("login_throttle")
    .values({ key, failures: 1, last_failure_at: now })
    .onConflict((oc) =>
      oc
        .column("key")
        .doUpdateSet((eb) => ({
          failures: eb("login_throttle.failures", "+", 1),
          last_failure_at: now,
        }))
        .where((eb) =>
          eb.or([
            eb("login_throttle.blocked_until", "is", null),
            eb("login_throttle.blocked_until", "<=", now),
          ]),
        ),
    )
    .returning("failures")
    .executeTakeFirst();
  return counted?.failures;
}

/** Until when a key waits (null when it does not). */
export async function findBlockedUntil(db: Kysely<Database>, key: string): Promise<Date | null> {
  const row = await db
    .selectFrom("login_throttle")
    .select("blocked_until")
    .where("key", "=", key)
    .executeTakeFirstOrThrow();
  return row.blocked_until;
}

export function setBlockedUntil(db: Kysely<Database>, key: string, until: Date) {
  return db
    .updateTable("login_throttle")
    .set({ blocked_until: until })
    .where("key", "=", key)
    .execute();
}

/** Takes one guess off each key's count (never below zero). */
export function uncountGuess(db: Kysely<Database>, keys: readonly string[]) {
  return db
    .updateTable("login_throttle")
    .set((eb) => ({ failures: eb.fn("greatest", [eb("failures", "-", 1), eb.lit(0)]) }))
    .where("key", "in", keys)
    .execute();
}

/** Forgets a key's guesses and wait. */
export function deleteThrottle(db: Kysely<Database>, key: string) {
  return db.deleteFrom("login_throttle").where("key", "=", key).execute();
}
