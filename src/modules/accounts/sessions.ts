import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import type { SessionSettings } from "../../platform/http/auth.ts";
import {
  endSessionRow,
  findLiveSessionRow,
  findLiveSessionUserRow,
  insertSession,
  markSessionTotpVerified,
  touchSession,
} from "./sessions.queries.ts";

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const randomToken = () => randomBytes(32).toString("base64url");

/** Starts a session with a fresh random id (never one the client brought: no fixation). */
export async function startSession(options: {
  db: Kysely<Database>;
  userId: string;
  totpVerified: boolean;
  settings: SessionSettings;
  clientAddress: string | null;
  userAgent: string | null;
}): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + options.settings.maxHours * 3_600_000);
  await insertSession(options.db, {
    token_hash: sha256(token),
    user_id: options.userId,
    csrf_token: csrfToken,
    totp_verified: options.totpVerified,
    expires_at: expiresAt,
    client_address: options.clientAddress,
    user_agent: options.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

/**
 * The live session for a cookie token, or undefined: ended, past its absolute lifetime,
 * idle too long, or its user disabled. Using it moves its idle clock forward.
 */
export async function findLiveSession(
  db: Kysely<Database>,
  token: string,
  settings: SessionSettings,
) {
  const tokenHash = sha256(token);
  const idleSince = new Date(Date.now() - settings.idleMinutes * 60_000);
  const session = await findLiveSessionRow(db, tokenHash, idleSince);
  if (!session) return undefined;
  // Touch at most once a minute: an idle clock needs no finer grain, and reads stay cheap.
  if (Date.now() - session.last_seen_at.getTime() > 60_000) {
    await touchSession(db, tokenHash);
  }
  return session;
}

/**
 * As findLiveSession, with the session's user and organization read in the same statement
 * (authenticating a request). The idle clock moves as there.
 */
export async function findLiveSessionUser(
  db: Kysely<Database>,
  token: string,
  settings: SessionSettings,
) {
  const tokenHash = sha256(token);
  const idleSince = new Date(Date.now() - settings.idleMinutes * 60_000);
  const row = await findLiveSessionUserRow(db, tokenHash, idleSince);
  if (!row) return undefined;
  const { session_csrf_token, session_totp_verified, session_last_seen_at, ...record } = row;
  if (Date.now() - session_last_seen_at.getTime() > 60_000) {
    await touchSession(db, tokenHash);
  }
  return {
    session: { csrf_token: session_csrf_token, totp_verified: session_totp_verified },
    record,
  };
}

export async function endSession(db: Kysely<Database>, token: string): Promise<string | null> {
  const ended = await endSessionRow(db, sha256(token));
  return ended?.user_id ?? null;
}

export async function markTotpVerified(db: Kysely<Database>, token: string): Promise<void> {
  await markSessionTotpVerified(db, sha256(token));
}
