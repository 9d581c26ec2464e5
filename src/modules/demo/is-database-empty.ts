import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { hasOrganizations } from "./demo.queries.ts";

/** Empty means no organization yet: nothing a person entered could be mixed with demo data. */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  return !(await hasOrganizations(db));
}
