import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Role } from "../../contracts/roles.ts";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { tokenRole } from "./accounts.policy.ts";
import type { CreateTokenInput } from "./accounts.schema.ts";
import { needsTotpSetup } from "./login.ts";
import type { TokenScope, UserPrincipal } from "./principal.ts";
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

const columns = [
  "id",
  "name",
  "prefix",
  "scopes",
  "created_at",
  "expires_at",
  "last_used_at",
  "revoked_at",
] as const;

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
  const row = await options.db
    .insertInto("api_tokens")
    .values({
      user_id: options.user.userId,
      organization_id: options.user.organizationId,
      role: options.user.role,
      name: options.input.name,
      prefix,
      token_hash: sha256(token),
      scopes: options.input.scopes,
      expires_at: new Date(Date.now() + options.input.expires_in_days * 86_400_000),
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return { ...toApiToken(row), token };
}

export async function findApiTokens(options: { db: Kysely<Database>; userId: string }) {
  const rows = await options.db
    .selectFrom("api_tokens")
    .select(columns)
    .where("user_id", "=", options.userId)
    .orderBy("created_at", "desc")
    .execute();
  return { data: rows.map(toApiToken) };
}

export async function revokeApiToken(options: {
  db: Kysely<Database>;
  userId: string;
  id: string;
}) {
  const row = await options.db
    .updateTable("api_tokens")
    .set({ revoked_at: new Date() })
    .where("id", "=", options.id)
    .where("user_id", "=", options.userId)
    .where("revoked_at", "is", null)
    .returning(columns)
    .executeTakeFirst();
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
  const row = await db
    .selectFrom("api_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select([
      "t.id",
      "t.scopes",
      "t.last_used_at",
      "t.role as token_role",
      "u.id as user_id",
      "u.email",
      "u.role",
      "u.totp_enabled",
      "u.is_demo",
      "u.organization_id",
      "o.kind",
      "o.country_iso2",
    ])
    .where("t.token_hash", "=", sha256(token))
    .where("t.revoked_at", "is", null)
    .where("t.expires_at", ">", new Date())
    .where("u.active", "=", true)
    // A token speaks for the organization it was made for, and no other.
    .whereRef("t.organization_id", "=", "u.organization_id")
    .executeTakeFirst();
  if (!row) return undefined;
  const role = tokenRole(row.token_role, row.role);
  if (!role || needsTotpSetup(row)) return undefined;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db
      .updateTable("api_tokens")
      .set({ last_used_at: new Date() })
      .where("id", "=", row.id)
      .execute();
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
