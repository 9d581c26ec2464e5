import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../../platform/principal.ts";
import { canManageUser } from "./accounts.policy.ts";
import { generatePassword } from "./create-user.ts";
import {
  clearAttempts,
  passwordCheckKeys,
  passwordCheckThrottled,
  reserveAttempt,
} from "./login-throttle.ts";
import { assertAcceptablePassword, hashPassword, verifyPassword } from "./passwords.ts";
import { sha256 } from "./sessions.ts";
import {
  endUserSessions,
  findUserRecord,
  revokeUserTokens,
  setUserPassword,
} from "./users.queries.ts";

/**
 * A user changes their own password; every other session of theirs and every API token ends.
 * The current password is throttled as a sign-in is: a stolen session cannot guess it.
 */
export async function changePassword(options: {
  db: Kysely<Database>;
  userId: string;
  currentPassword: string;
  newPassword: string;
  keepSessionToken: string | null;
}): Promise<void> {
  const record = await findUserRecord(options.db, options.userId);
  if (!record) throw notFound("user", options.userId);
  const keys = passwordCheckKeys(record.id);
  await reserveAttempt(options.db, keys, passwordCheckThrottled);
  if (!(await verifyPassword(record.password_hash, options.currentPassword))) {
    throw new AppError("validation_failed", "current_password: is wrong", {
      details: [{ path: "current_password", message: "is wrong", rule: { code: "wrong" } }],
    });
  }
  await clearAttempts(options.db, keys);
  await assertAcceptablePassword(options.newPassword, [record.email, record.name], "new_password");
  const passwordHash = await hashPassword(options.newPassword);
  await inTransaction(options.db, async (trx) => {
    await setUserPassword(trx, record.id, passwordHash);
    const keep = options.keepSessionToken ? sha256(options.keepSessionToken) : null;
    await endUserSessions(trx, record.id, keep);
    await revokeUserTokens(trx, record.id);
  });
}

/** An operator or the secretariat sets a new random password; all sessions and API tokens end. */
export async function resetPassword(options: {
  db: Kysely<Database>;
  idOrEmail: string;
  principal: Principal;
}): Promise<{ email: string; password: string }> {
  const record = await findUserRecord(options.db, options.idOrEmail);
  if (!record) throw notFound("user", options.idOrEmail);
  assertAllowed(canManageUser(options.principal, { role: record.role }));
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await inTransaction(options.db, async (trx) => {
    await setUserPassword(trx, record.id, passwordHash);
    await endUserSessions(trx, record.id);
    await revokeUserTokens(trx, record.id);
  });
  return { email: record.email, password };
}
