import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import {
  countGuess,
  deleteThrottle,
  findBlockedUntil,
  setBlockedUntil,
  uncountGuess,
} from "./login-throttle.queries.ts";

/**
 * Guesses allowed before each further one must wait: few for one account (or one user's
 * current-password checks), more for one address (many honest people can share one, behind
 * an office or national network).
 */
export const FREE_FAILURES = { account: 3, address: 20, passwordCheck: 3 } as const;
const MAX_WAIT_SECONDS = 15 * 60;

/**
 * The wait after the n-th failure doubles from one second: 4th → 1 s, 5th → 2 s, 6th → 4 s,
 * … capped at 15 minutes. Kept in the database so every instance enforces the same wait.
 */
export const waitSeconds = (failures: number, free: number = FREE_FAILURES.account) =>
  failures <= free ? 0 : Math.min(2 ** Math.min(failures - free - 1, 20), MAX_WAIT_SECONDS);

/** One counter of guesses, and how many it allows before waits begin. */
export interface ThrottleKey {
  key: string;
  free: number;
}

export const loginKeys = (email: string, clientAddress: string | null): ThrottleKey[] => [
  { key: `email:${email.toLowerCase()}`, free: FREE_FAILURES.account },
  { key: `ip:${clientAddress ?? "unknown"}`, free: FREE_FAILURES.address },
];

/** A signed-in user's current password (changing it, turning TOTP off) is guessed here. */
export const passwordCheckKeys = (userId: string): ThrottleKey[] => [
  { key: `password:${userId}`, free: FREE_FAILURES.passwordCheck },
];

export const loginThrottled = (seconds: number) =>
  new AppError(
    "rate_limited",
    `Too many failed sign-in attempts; try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
    { reason: "login_throttled", values: { seconds }, context: { retry_after_seconds: seconds } },
  );

export const passwordCheckThrottled = (seconds: number) =>
  new AppError(
    "rate_limited",
    `Too many wrong passwords or codes; try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
    {
      reason: "password_check_throttled",
      values: { seconds },
      context: { retry_after_seconds: seconds },
    },
  );

class Throttled extends Error {
  constructor(readonly blockedUntil: Date) {
    super("throttled");
  }
}

/**
 * Counts one guess on every key BEFORE it is checked, and refuses it when a key is waiting.
 * Counting first is what makes the limit hold under parallel requests: each key's count goes
 * up in one atomic upsert that also checks the wait (the row is locked while its transaction
 * runs, so concurrent guesses on it queue, and each sees the count and wait the one before it
 * left), and the guess that passes the free number sets the wait at once. However many
 * guesses arrive together, only those reserved before the wait began are checked. A refused
 * guess counts on no key (its transaction rolls back). A wrong guess keeps its reservation;
 * a right one gives it back (`clearAttempts`, `releaseAttempt`).
 */
export async function reserveAttempt(
  db: Kysely<Database>,
  keys: readonly ThrottleKey[],
  refusal: (seconds: number) => AppError,
): Promise<void> {
  const now = new Date();
  try {
    await db.transaction().execute(async (trx) => {
      // One key order for every caller, so that two guesses never wait on each other's rows.
      for (const { key, free } of [...keys].sort((a, b) => a.key.localeCompare(b.key))) {
        const failures = await countGuess(trx, key, now);
        if (failures === undefined) throw new Throttled((await findBlockedUntil(trx, key)) ?? now);
        const wait = waitSeconds(failures, free);
        if (wait > 0) await setBlockedUntil(trx, key, new Date(now.getTime() + wait * 1000));
      }
    });
  } catch (error) {
    if (!(error instanceof Throttled)) throw error;
    throw refusal(Math.max(1, Math.ceil((error.blockedUntil.getTime() - now.getTime()) / 1000)));
  }
}

/** Gives a reservation back: the guess was right (its account's count starts again). */
export async function releaseAttempt(
  db: Kysely<Database>,
  keys: readonly ThrottleKey[],
): Promise<void> {
  await uncountGuess(
    db,
    keys.map((k) => k.key),
  );
}

/**
 * A right answer: the first key (the account, or the user's password checks) starts again
 * from nothing; the others (the address) get this guess's reservation back.
 */
export async function clearAttempts(
  db: Kysely<Database>,
  keys: readonly ThrottleKey[],
): Promise<void> {
  const [own, ...shared] = keys;
  if (own) await deleteThrottle(db, own.key);
  if (shared.length > 0) await releaseAttempt(db, shared);
}
