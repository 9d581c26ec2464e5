import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { acceptTotpCode } from "./accept-totp-code.ts";
import { needsTotpSetup } from "./login.ts";
import {
  clearAttempts,
  passwordCheckKeys,
  passwordCheckThrottled,
  reserveAttempt,
} from "./login-throttle.ts";
import { issueRecoveryCodes } from "./manage-recovery-codes.ts";
import { verifyPassword } from "./passwords.ts";
import { deleteRecoveryCodes } from "./recovery-codes.queries.ts";
import { markTotpVerified } from "./sessions.ts";
import { disableUserTotp, enableUserTotp, setTotpSecret } from "./totp.queries.ts";
import { newTotpSecret, totpFor } from "./totp.ts";
import { findUserRecord } from "./users.queries.ts";

const wrongCode = () =>
  new AppError("validation_failed", "code: is wrong, expired or used", {
    details: [{ path: "code", message: "is wrong, expired or used", rule: { code: "wrong_code" } }],
  });

/** The code is right and not used before; it cannot be used again. */
const acceptCode = (
  db: Kysely<Database>,
  user: { id: string; email: string },
  secret: string,
  code: string,
) => acceptTotpCode({ db, userId: user.id, email: user.email, secret, code });

/** Step 1: a new secret for the authenticator app; not in force until confirmed. */
export async function setUpTotp(options: { db: Kysely<Database>; userId: string }) {
  const record = await findUserRecord(options.db, options.userId);
  if (!record) throw notFound("user", options.userId);
  if (record.totp_enabled)
    throw new AppError(
      "conflict",
      "Two-factor authentication is already on; turn it off first to change the key.",
      { reason: "totp_already_on" },
    );
  const secret = newTotpSecret();
  await setTotpSecret(options.db, record.id, secret);
  return { secret, otpauth_uri: totpFor(secret, record.email).toString() };
}

/**
 * Step 2: a code from the app proves it holds the secret; from now on logins need a code.
 * The answer holds the recovery codes in clear, this once.
 */
export async function enableTotp(options: {
  db: Kysely<Database>;
  userId: string;
  code: string;
  sessionToken: string | null;
}) {
  const record = await findUserRecord(options.db, options.userId);
  if (!record?.totp_secret)
    throw new AppError("conflict", "Start with POST /api/auth/totp/setup.", {
      reason: "totp_not_started",
    });
  if (!(await acceptCode(options.db, record, record.totp_secret, options.code))) throw wrongCode();
  await enableUserTotp(options.db, record.id);
  if (options.sessionToken) await markTotpVerified(options.db, options.sessionToken);
  return { recovery_codes: await issueRecoveryCodes(options.db, record.id) };
}

/**
 * Turning the second factor off takes the password and a fresh code; wrong ones are throttled
 * as sign-ins are (one count with password changes), so a stolen session cannot guess them.
 */
export async function disableTotp(options: {
  db: Kysely<Database>;
  userId: string;
  code: string;
  password: string;
}) {
  const record = await findUserRecord(options.db, options.userId);
  if (!record?.totp_enabled || !record.totp_secret)
    throw new AppError("conflict", "Two-factor authentication is not on.", {
      reason: "totp_not_on",
    });
  if (needsTotpSetup({ ...record, totp_enabled: false })) {
    throw new AppError(
      "forbidden",
      "The secretariat and administrators must keep two-factor authentication on.",
      { reason: "totp_must_stay_on" },
    );
  }
  const keys = passwordCheckKeys(record.id);
  await reserveAttempt(options.db, keys, passwordCheckThrottled);
  if (!(await verifyPassword(record.password_hash, options.password))) {
    throw new AppError("validation_failed", "password: is wrong", {
      details: [{ path: "password", message: "is wrong", rule: { code: "wrong" } }],
    });
  }
  if (!(await acceptCode(options.db, record, record.totp_secret, options.code))) throw wrongCode();
  await clearAttempts(options.db, keys);
  await disableUserTotp(options.db, record.id);
  await deleteRecoveryCodes(options.db, record.id);
}
