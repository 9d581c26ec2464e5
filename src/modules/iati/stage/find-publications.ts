import { type Kysely, sql } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";

/** Every current publication with how many of its activities are linked to initiatives. */
export async function findPublications(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("iati_publications as p")
    .select([
      "p.publisher_ref",
      "p.partner_id",
      "p.file_name",
      "p.file_sha256",
      "p.iati_version",
      "p.generated_datetime",
      "p.activity_count",
      "p.transaction_count",
      "p.budget_count",
      "p.skipped_count",
      "p.imported_by",
      "p.imported_at",
      sql<number>`(select count(*)::int from iati_activities a where a.publication_id = p.id and a.initiative_id is not null)`.as(
        "linked_count",
      ),
    ])
    .where("p.state", "=", "current")
    .$narrowType<{ partner_id: string }>()
    .orderBy("p.publisher_ref")
    .execute();
  return rows.map((row) => ({ ...row, imported_at: row.imported_at.toISOString() }));
}
