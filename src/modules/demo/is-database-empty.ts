import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/** Empty means no organization yet: nothing a person entered could be mixed with demo data. */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("organizations").select("id").limit(1).executeTakeFirst();
  return row === undefined;
}
