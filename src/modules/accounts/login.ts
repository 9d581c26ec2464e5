import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import type { User } from "./accounts.schema.ts";
import {
  assertNotThrottled,
  clearFailures,
  recordFailure,
  throttleKeys,
} from "./login-throttle.ts";
import { verifyPassword } from "./passwords.ts";
import { type SessionSettings, startSession } from "./sessions.ts";
import { checkTotp } from "./totp.ts";
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
 * which accounts exist; each failure makes the next attempt from that account or address wait
 * longer. `onFailure` lets the caller record the failed attempt in the audit trail.
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
  const keys = throttleKeys(options.email, options.clientAddress);
  await assertNotThrottled(db, keys);
  const record = await findUserRecord(db, options.email);
  const passwordOk = await verifyPassword(record?.password_hash ?? null, options.password);
  if (!record || !passwordOk || !record.active) {
    await recordFailure(db, keys);
    throw new AppError(
      "unauthorized",
      "The email or password is wrong, or the account is disabled.",
      { reason: "invalid_credentials" },
    );
  }
  if (record.totp_enabled) {
    if (!options.totp)
      throw new AppError("totp_required", "Enter the 6-digit code from your authenticator app.", {
        details: [
          { path: "totp", message: "is required for this account", rule: { code: "required" } },
        ],
      });
    if (!record.totp_secret || !checkTotp(record.totp_secret, record.email, options.totp)) {
      await recordFailure(db, keys);
      throw new AppError("unauthorized", "The authenticator code is wrong or expired.", {
        reason: "wrong_totp",
        details: [{ path: "totp", message: "is wrong or expired", rule: { code: "wrong_code" } }],
      });
    }
  }
  await clearFailures(db, options.email);
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
