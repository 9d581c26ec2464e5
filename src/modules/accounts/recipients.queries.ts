import { type Kysely, sql } from "kysely";
import type { Language } from "../../contracts/enum-values.ts";
import type { Database } from "../../platform/db/schema.ts";

/** Who may receive e-mail digests: every active user, with organization, role and language. */
export function findActiveRecipients(db: Kysely<Database>) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "organization_id", "language"])
    .where("active", "=", true)
    .orderBy("email")
    .execute();
}
export type Recipient = Awaited<ReturnType<typeof findActiveRecipients>>[number];

/** A user's e-mail language; the version moves only when it changes. */
export function updateLanguage(db: Kysely<Database>, userId: string, language: Language) {
  return db
    .updateTable("users")
    .set({ language, version: sql`version + 1`, updated_at: new Date() })
    .where("id", "=", userId)
    .where("language", "<>", language)
    .execute();
}
