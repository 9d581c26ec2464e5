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
} from "./login-throttle.ts";
import { verifyPassword } from "./passwords.ts";
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
}

/**
 * Checks email, password and (when enabled) the TOTP code, then starts a fresh session.
 * Every refusal looks the same ("email or password is wrong") so an attacker cannot learn
 * which accounts exist. Each attempt is counted against its account and address before the
 * password is checked, so that parallel attempts cannot outrun the throttle; a wrong one stays
 * counted and makes the next attempts wait longer, a right one is given back. A TOTP code is
 * accepted once.
 */
export async function login(options: {
  db: Kysely<Database>;
  email: string;
  password: string;
  totp: string | undefined;
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
  if (record.totp_enabled) {
    if (!options.totp) {
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
        code: options.totp,
      }));
    if (!accepted)
      throw new AppError("unauthorized", "The authenticator code is wrong, expired or used.", {
        reason: "wrong_totp",
        details: [
          { path: "totp", message: "is wrong, expired or used", rule: { code: "wrong_code" } },
        ],
      });
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
  return { ...session, user: toUser(record), needsTotpSetup: needsTotpSetup(record) };
}
