import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import {
  clearAttempts,
  passwordCheckKeys,
  passwordCheckThrottled,
  reserveAttempt,
} from "./login-throttle.ts";
import { verifyPassword } from "./passwords.ts";
import {
  countRecoveryCodes,
  replaceRecoveryCodes,
  spendRecoveryCode,
} from "./recovery-codes.queries.ts";
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from "./recovery-codes.ts";
import { findUserRecord } from "./users.queries.ts";

/** A new set of recovery codes in place of any old one; the codes in clear, this once. */
export async function issueRecoveryCodes(db: Kysely<Database>, userId: string) {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(
    db,
    userId,
    codes.map((code) => hashRecoveryCode(normalizeRecoveryCode(code) ?? code)),
  );
  return codes;
}

/**
 * True when the code is one of the user's unused recovery codes; it is used from now on.
 * Its hash is looked up, so no code is compared in clear.
 */
export async function acceptRecoveryCode(options: {
  db: Kysely<Database>;
  userId: string;
  code: string;
}): Promise<boolean> {
  const normalized = normalizeRecoveryCode(options.code);
  if (!normalized) return false;
  return spendRecoveryCode(options.db, options.userId, hashRecoveryCode(normalized));
}

/** How many recovery codes the user has left. */
export async function findRecoveryCodeStatus(options: { db: Kysely<Database>; userId: string }) {
  const record = await findUserRecord(options.db, options.userId);
  const counts = await countRecoveryCodes(options.db, options.userId);
  return {
    totp_enabled: record?.totp_enabled === true,
    total: counts.total,
    remaining: counts.remaining,
    generated_at: counts.generatedAt?.toISOString() ?? null,
  };
}

/**
 * A new set of recovery codes; the old ones stop working. It takes the current password,
 * throttled as the other password checks of a signed-in user, so a stolen session cannot
 * mint itself a way back in.
 */
export async function regenerateRecoveryCodes(options: {
  db: Kysely<Database>;
  userId: string;
  password: string;
}) {
  const record = await findUserRecord(options.db, options.userId);
  if (!record?.totp_enabled)
    throw new AppError("conflict", "Two-factor authentication is not on.", {
      reason: "totp_not_on",
    });
  const keys = passwordCheckKeys(record.id);
  await reserveAttempt(options.db, keys, passwordCheckThrottled);
  if (!(await verifyPassword(record.password_hash, options.password))) {
    throw new AppError("validation_failed", "password: is wrong", {
      details: [{ path: "password", message: "is wrong", rule: { code: "wrong" } }],
    });
  }
  await clearAttempts(options.db, keys);
  return { recovery_codes: await issueRecoveryCodes(options.db, record.id) };
}
