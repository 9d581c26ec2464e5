import type { Insertable, Kysely } from "kysely";
import { isUuid } from "../../platform/db/query-helpers.ts";
import type { Database, UsersTable } from "../../platform/db/schema.ts";
import type { User } from "./accounts.schema.ts";

/** A user row with its organization, as every account use case needs it. */
export function selectUsers(db: Kysely<Database>) {
  return db
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select([
      "u.id",
      "u.email",
      "u.name",
      "u.role",
      "u.active",
      "u.password_hash",
      "u.totp_secret",
      "u.totp_enabled",
      "u.is_demo",
      "u.language",
      "u.version",
      "u.created_at",
      "u.updated_at",
      "u.organization_id",
      "o.code as organization_code",
      "o.kind as organization_kind",
      "o.country_iso2 as organization_country",
      "o.name_es as organization_name_es",
      "o.name_en as organization_name_en",
    ]);
}

export type UserRecord = NonNullable<
  Awaited<ReturnType<ReturnType<typeof selectUsers>["executeTakeFirst"]>>
>;

export function findUserRecord(db: Kysely<Database>, idOrEmail: string) {
  const query = selectUsers(db);
  return (
    isUuid(idOrEmail)
      ? query.where("u.id", "=", idOrEmail)
      : query.where((eb) => eb(eb.fn("lower", ["u.email"]), "=", idOrEmail.toLowerCase()))
  ).executeTakeFirst();
}

export function toUser(record: UserRecord): User {
  return {
    id: record.id,
    email: record.email,
    name: record.name,
    role: record.role,
    active: record.active,
    totp_enabled: record.totp_enabled,
    language: record.language,
    organization: {
      id: record.organization_id,
      code: record.organization_code,
      kind: record.organization_kind,
      country: record.organization_country,
      name: { es: record.organization_name_es, en: record.organization_name_en },
    },
    version: record.version,
    created_at: record.created_at.toISOString(),
    updated_at: record.updated_at.toISOString(),
  };
}

export async function insertUser(db: Kysely<Database>, values: Insertable<UsersTable>) {
  const { id } = await db
    .insertInto("users")
    .values(values)
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** A new password hash, in force from now. */
export function setUserPassword(db: Kysely<Database>, userId: string, passwordHash: string) {
  return db
    .updateTable("users")
    .set({ password_hash: passwordHash, password_changed_at: new Date(), updated_at: new Date() })
    .where("id", "=", userId)
    .execute();
}

/**
 * Ends every open session of a user at once (disabled account, new password), but the one of
 * `keepTokenHash` when given (the session that changed the password).
 */
export function endUserSessions(
  db: Kysely<Database>,
  userId: string,
  keepTokenHash: string | null = null,
) {
  let ending = db
    .updateTable("sessions")
    .set({ ended_at: new Date() })
    .where("user_id", "=", userId)
    .where("ended_at", "is", null);
  if (keepTokenHash) ending = ending.where("token_hash", "!=", keepTokenHash);
  return ending.execute();
}

/**
 * Revokes every live API token of a user at once: a token acts with what its user was when it
 * was made, so it ends when that changes (role, organization, disabled, new password).
 */
export function revokeUserTokens(db: Kysely<Database>, userId: string) {
  return db
    .updateTable("api_tokens")
    .set({ revoked_at: new Date() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
}
