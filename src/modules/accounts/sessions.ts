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
 * Reads a cookie token's live session with `read` (given its hash and the instant before which
 * it counts as idle) and, when found, moves its idle clock forward: at most once a minute, as
 * an idle clock needs no finer grain and reads stay cheap.
 */
async function readLiveSession<Row>(
  db: Kysely<Database>,
  token: string,
  settings: SessionSettings,
  read: (tokenHash: string, idleSince: Date) => Promise<Row | undefined>,
  lastSeen: (row: Row) => Date,
): Promise<Row | undefined> {
  const tokenHash = sha256(token);
  const row = await read(tokenHash, new Date(Date.now() - settings.idleMinutes * 60_000));
  if (row && Date.now() - lastSeen(row).getTime() > 60_000) await touchSession(db, tokenHash);
  return row;
}

/**
 * The live session for a cookie token, or undefined: ended, past its absolute lifetime,
 * idle too long, or its user disabled. Using it moves its idle clock forward.
 */
export function findLiveSession(db: Kysely<Database>, token: string, settings: SessionSettings) {
  return readLiveSession(
    db,
    token,
    settings,
    (tokenHash, idleSince) => findLiveSessionRow(db, tokenHash, idleSince),
    (session) => session.last_seen_at,
  );
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
  const row = await readLiveSession(
    db,
    token,
    settings,
    (tokenHash, idleSince) => findLiveSessionUserRow(db, tokenHash, idleSince),
    (found) => found.session_last_seen_at,
  );
  if (!row) return undefined;
  const { session_csrf_token, session_totp_verified, session_last_seen_at: _, ...record } = row;
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
