import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.ts";
import { writeTurnsOf } from "./write-turns.ts";

/** The audit chain's advisory lock (see migrations/20261128170500_audit.sql). */
export const AUDIT_CHAIN_LOCK = 7_272_627;

/**
 * Runs `work` in a transaction, or inside the caller's when `db` already is one, so that a
 * use case can be composed into a larger unit (the demo seed, a test rolled back at the end).
 *
 * A new transaction first takes the audit chain's lock, which every change needs anyway (the
 * audit trigger appends to one hash chain). Taking it first, before any row lock, gives all
 * writers one lock order, so two transactions can never deadlock on "my row, your chain".
 * Writers therefore take turns: fine for a coordination platform's write volume. Within this
 * process they take their turn before borrowing a connection (write-turns.ts), so writers
 * waiting for the lock never hold the connections reads need.
 */
const chainHolders = new WeakSet<Kysely<Database>>();

/**
 * Whether `db` is a transaction inTransaction opened, which took the audit chain's lock as
 * its first statement: every other such writer waits for it to end, so no lock taken after
 * it can be contended by them (ledger writers skip their per-pair lock then). False for any
 * other handle, a caller's own transaction included.
 */
export function holdsAuditChainLock(db: Kysely<Database>): boolean {
  return chainHolders.has(db);
}

export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db);
  return writeTurnsOf(db).run(() =>
    db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
      chainHolders.add(trx);
      return work(trx);
    }),
  );
}
