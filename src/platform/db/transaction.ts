import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.ts";

/** The audit chain's advisory lock (see migrations/20261128170500_audit.sql). */
export const AUDIT_CHAIN_LOCK = 7_272_627;

/**
 * Runs `work` in a transaction, or inside the caller's when `db` already is one, so that a
 * use case can be composed into a larger unit (the demo seed, a test rolled back at the end).
 *
 * A new transaction first takes the audit chain's lock, which every change needs anyway (the
 * audit trigger appends to one hash chain). Taking it first, before any row lock, gives all
 * writers one lock order, so two transactions can never deadlock on "my row, your chain".
 * Writers therefore take turns: fine for a coordination platform's write volume.
 */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
    return work(trx);
  });
}
