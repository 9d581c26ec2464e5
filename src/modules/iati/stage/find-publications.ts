import type { Kysely } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";
import { listCurrentPublications } from "./publications.queries.ts";

/** Every current publication with how many of its activities are linked to initiatives. */
export async function findPublications(db: Kysely<Database>) {
  const rows = await listCurrentPublications(db);
  return rows.map((row) => ({ ...row, imported_at: row.imported_at.toISOString() }));
}
