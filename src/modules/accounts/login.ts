import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import type { SessionSettings } from "../../platform/http/auth.ts";
import { acceptTotpCode } from "./accept-totp-code.ts";
import type { User } from "./accounts.schema.ts";
import {
  clearAttempts,
  loginKeys,
  loginThrottled,
  releaseAttempt,
  reserveAttempt,
  type ThrottleKey,
} from "./login-throttle.ts";
import { acceptRecoveryCode } from "./manage-recovery-codes.ts";
import { verifyPassword } from "./passwords.ts";
import { countRecoveryCodes } from "./recovery-codes.queries.ts";
import { startSession } from "./sessions.ts";
import { findUserRecord, toUser, type UserRecord } from "./users.queries.ts";

/** The secretariat and admins hold the keys to everything: outside the demo they need TOTP. */
export const needsTotpSetup = (record: Pick<UserRecord, "role" | "totp_enabled" | "is_demo">) =>
  (record.role === "secretariat" || record.role === "admin") &&
  !record.totp_enabled &&
  !record.is_demo;

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: User;
  needsTotpSetup: boolean;
  /** When a recovery code stood in for the authenticator: how many codes are left. */
  recoveryCodesRemaining: number | null;
}

/**
 * Checks email, password and (when enabled) the TOTP code, then starts a fresh session.
 * Every refusal looks the same ("email or password is wrong") so an attacker cannot learn
 * which accounts exist. Each attempt is counted against its account and address before the
 * password is checked, so that parallel attempts cannot outrun the throttle; a wrong one stays
 * counted and makes the next attempts wait longer, a right one is given back. A TOTP code is
 * accepted once; so is a recovery code, which may stand in for it (a wrong one counts as a
 * wrong code).
 */
export async function login(options: {
  db: Kysely<Database>;
  email: string;
  password: string;
  totp: string | undefined;
  recoveryCode?: string | undefined;
  settings: SessionSettings;
  clientAddress: string | null;
  userAgent: string | null;
}): Promise<LoginResult> {
  const { db } = options;
  const keys = loginKeys(options.email, options.clientAddress);
  await reserveAttempt(db, keys, loginThrottled);
  const record = await findUserRecord(db, options.email);
  const passwordOk = await verifyPassword(record?.password_hash ?? null, options.password);
  if (!record || !passwordOk || !record.active) {
    throw new AppError(
      "unauthorized",
      "The email or password is wrong, or the account is disabled.",
      { reason: "invalid_credentials" },
    );
  }
  let recoveryCodesRemaining: number | null = null;
  if (record.totp_enabled) {
    if (options.recoveryCode) {
      if (!(await acceptRecoveryCode({ db, userId: record.id, code: options.recoveryCode })))
        throw new AppError("unauthorized", "The recovery code is wrong or was used before.", {
          reason: "wrong_recovery_code",
          details: [
            {
              path: "recovery_code",
              message: "is wrong or was used before",
              rule: { code: "wrong_code" },
            },
          ],
        });
      recoveryCodesRemaining = (await countRecoveryCodes(db, record.id)).remaining;
    } else {
      await checkTotp(db, keys, record, options.totp);
    }
  }
  await clearAttempts(db, keys);
  const session = await startSession({
    db,
    userId: record.id,
    totpVerified: record.totp_enabled,
    settings: options.settings,
    clientAddress: options.clientAddress,
    userAgent: options.userAgent,
  });
  return {
    ...session,
    user: toUser(record),
    needsTotpSetup: needsTotpSetup(record),
    recoveryCodesRemaining,
  };
}

/** The authenticator's code: asked for when missing, refused when wrong, expired or used. */
async function checkTotp(
  db: Kysely<Database>,
  keys: readonly ThrottleKey[],
  record: UserRecord,
  totp: string | undefined,
) {
  if (!totp) {
    // The password was right: asking for the code is no failed guess.
    await releaseAttempt(db, keys);
    throw new AppError("totp_required", "Enter the 6-digit code from your authenticator app.", {
      details: [
        { path: "totp", message: "is required for this account", rule: { code: "required" } },
      ],
    });
  }
  const accepted =
    record.totp_secret !== null &&
    (await acceptTotpCode({
      db,
      userId: record.id,
      secret: record.totp_secret,
      email: record.email,
      code: totp,
    }));
  if (!accepted)
    throw new AppError("unauthorized", "The authenticator code is wrong, expired or used.", {
      reason: "wrong_totp",
      details: [
        { path: "totp", message: "is wrong, expired or used", rule: { code: "wrong_code" } },
      ],
    });
}
