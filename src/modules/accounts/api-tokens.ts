import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Role } from "../../contracts/roles.ts";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { notFound } from "../../platform/errors.ts";
import type { TokenScope, UserPrincipal } from "../../platform/principal.ts";
import { tokenRole } from "./accounts.policy.ts";
import type { CreateTokenInput } from "./accounts.schema.ts";
import {
  findLiveTokenRow,
  insertApiToken,
  listUserApiTokens,
  revokeApiTokenRow,
  touchApiToken,
} from "./api-tokens.queries.ts";
import { needsTotpSetup } from "./login.ts";
import { sha256 } from "./sessions.ts";

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

const toApiToken = (row: TokenRow) => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes,
  created_at: row.created_at.toISOString(),
  expires_at: row.expires_at.toISOString(),
  last_used_at: row.last_used_at?.toISOString() ?? null,
  revoked_at: row.revoked_at?.toISOString() ?? null,
});

/**
 * A token for a partner's system, e.g. `esca_3f9a1c2b_<43 random characters>`: the prefix
 * identifies it in lists, the whole string is shown once and only its SHA-256 is kept. It
 * keeps the role and organization its user has now: it never acts with more.
 */
export async function createApiToken(options: {
  db: Kysely<Database>;
  user: { userId: string; organizationId: string; role: Role };
  input: CreateTokenInput;
}) {
  const prefix = randomBytes(4).toString("hex");
  const token = `esca_${prefix}_${randomBytes(32).toString("base64url")}`;
  const row = await insertApiToken(options.db, {
    user_id: options.user.userId,
    organization_id: options.user.organizationId,
    role: options.user.role,
    name: options.input.name,
    prefix,
    token_hash: sha256(token),
    scopes: options.input.scopes,
    expires_at: new Date(Date.now() + options.input.expires_in_days * 86_400_000),
  });
  return { ...toApiToken(row), token };
}

export async function findApiTokens(options: { db: Kysely<Database>; userId: string }) {
  const rows = await listUserApiTokens(options.db, options.userId);
  return { data: rows.map(toApiToken) };
}

export async function revokeApiToken(options: {
  db: Kysely<Database>;
  userId: string;
  id: string;
}) {
  const row = await revokeApiTokenRow(options.db, options.userId, options.id);
  if (!row) throw notFound("active API token of yours", options.id);
  return toApiToken(row);
}

/**
 * The principal behind a bearer token, or undefined when unknown, revoked, expired, or its
 * user disabled. It acts with the token's scopes and with what both the token's role and
 * organization and its user's present ones allow (see `tokenRole`), and not at all for a user
 * whose role now needs a second factor they have not set up.
 */
export async function authenticateToken(
  db: Kysely<Database>,
  token: string,
): Promise<UserPrincipal | undefined> {
  const row = await findLiveTokenRow(db, sha256(token));
  if (!row) return undefined;
  const role = tokenRole(row.token_role, row.role);
  if (!role || needsTotpSetup(row)) return undefined;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    // An audited write: it takes its turn with the other writers (db/write-turns.ts) rather
    // than wait for the audit chain's lock holding a connection reads need.
    await inTransaction(db, (trx) => touchApiToken(trx, row.id));
  }
  return {
    kind: "user",
    userId: row.user_id,
    email: row.email,
    role,
    organizationId: row.organization_id,
    organizationKind: row.kind,
    country: row.kind === "member_state" ? row.country_iso2 : null,
    via: "token",
    scopes: row.scopes as TokenScope[],
  };
}
