import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/**
 * Runs `work` in a transaction, or inside the caller's when `db` already is one, so that a
 * use case can be composed into a larger unit (the demo seed, a test rolled back at the end).
 */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
