import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";

/**
 * Failures allowed before each further attempt must wait: few for one account, more for one
 * address (many honest people can share one, behind an office or national network).
 */
export const FREE_FAILURES = { account: 3, address: 20 } as const;
const MAX_WAIT_SECONDS = 15 * 60;

/**
 * The wait after the n-th failure doubles from one second: 4th → 1 s, 5th → 2 s, 6th → 4 s,
 * … capped at 15 minutes. Kept in the database so every instance enforces the same wait.
 */
export const waitSeconds = (failures: number, free: number = FREE_FAILURES.account) =>
  failures <= free ? 0 : Math.min(2 ** (failures - free - 1), MAX_WAIT_SECONDS);

export const throttleKeys = (email: string, clientAddress: string | null) => [
  `email:${email.toLowerCase()}`,
  `ip:${clientAddress ?? "unknown"}`,
];

export async function assertNotThrottled(db: Kysely<Database>, keys: string[]): Promise<void> {
  const blocked = await db
    .selectFrom("login_throttle")
    .select("blocked_until")
    .where("key", "in", keys)
    .where("blocked_until", ">", new Date())
    .orderBy("blocked_until", "desc")
    .executeTakeFirst();
  if (blocked?.blocked_until) {
    const seconds = Math.ceil((blocked.blocked_until.getTime() - Date.now()) / 1000);
    throw new AppError(
      "rate_limited",
      `Too many failed sign-in attempts; try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
      {
        reason: "login_throttled",
        values: { seconds },
        context: { retry_after_seconds: seconds },
      },
    );
  }
}

export async function recordFailure(db: Kysely<Database>, keys: string[]): Promise<void> {
  for (const key of keys) {
    const row = await db
      .insertInto("login_throttle")
      .values({ key, failures: 1, last_failure_at: new Date() })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet((eb) => ({
          failures: eb("login_throttle.failures", "+", 1),
          last_failure_at: new Date(),
        })),
      )
      .returning("failures")
      .executeTakeFirstOrThrow();
    const wait = waitSeconds(
      row.failures,
      key.startsWith("ip:") ? FREE_FAILURES.address : FREE_FAILURES.account,
    );
    if (wait > 0)
      await db
        .updateTable("login_throttle")
        .set({ blocked_until: new Date(Date.now() + wait * 1000) })
        .where("key", "=", key)
        .execute();
  }
}

export async function clearFailures(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("key", "=", `email:${email.toLowerCase()}`).execute();
}
