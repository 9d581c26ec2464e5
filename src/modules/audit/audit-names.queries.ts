import type { Kysely } from "kysely";
import type { AuditRefTable } from "../../contracts/audit-fields.ts";
import type { Database } from "../../platform/db/schema.ts";

export interface ActorRow {
  id: string;
  name: string;
  email: string;
  role: Database["users"]["role"];
}

export interface NamedRow {
  id: string;
  code: string;
  name_es: string | null;
  name_en: string | null;
}

/** The accounts behind the entries' actor_user_id, as they are now. */
export async function findActors(db: Kysely<Database>, ids: string[]): Promise<ActorRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "role"])
    .where("id", "in", ids)
    .execute();
}

/**
 * Code and names of the ids an image points to, per table. `publishedOnly` leaves out
 * initiatives that are not published, whose titles are not public.
 */
export async function findNamed(
  db: Kysely<Database>,
  table: AuditRefTable,
  ids: string[],
  publishedOnly: boolean,
): Promise<NamedRow[]> {
  if (ids.length === 0) return [];
  if (table === "initiatives") {
    let query = db
      .selectFrom("initiatives")
      .select(["id", "code", "title_es as name_es", "title_en as name_en"])
      .where("id", "in", ids);
    if (publishedOnly) query = query.where("published_at", "is not", null);
    return query.execute();
  }
  return db
    .selectFrom(table)
    .select(["id", "code", "name_es", "name_en"])
    .where("id", "in", ids)
    .execute();
}
