import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/** Whether any organization is recorded yet. */
export async function hasOrganizations(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("organizations").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Publishes every initiative past its draft that is not published yet; how many. */
export async function publishSubmittedInitiatives(db: Kysely<Database>): Promise<number> {
  const published = await db
    .updateTable("initiatives")
    .set({ published_at: new Date(), updated_at: new Date() })
    .where("status", "!=", "draft")
    .where("published_at", "is", null)
    .executeTakeFirst();
  return Number(published.numUpdatedRows);
}
