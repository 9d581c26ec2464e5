import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.ts";

/**
 * The data's version: a value that changes whenever a write commits, read so that it is never
 * older than the request asking for it. Public reads are cached under it
 * (http/public-cache.ts): an answer cached under the version a request reads is an answer
 * computed after every write committed before that request arrived. Versions are ordered: a
 * letter naming how they are counted and the count (`c12`, `a3051`), which only grows.
 */
export interface DataVersion {
  /** The version as of now: read after this call began, never from before it. */
  read(): Promise<string>;
}

/**
 * Whether `version` is the same as `than` or later (same kind, count no smaller): an answer
 * made at a later version holds every write an earlier one does.
 */
export function versionNotOlder(version: string, than: string): boolean {
  if (version === than) return true;
  const count = /^([a-z])(\d+)$/.exec(version);
  const other = /^([a-z])(\d+)$/.exec(than);
  if (!count || !other || count[1] !== other[1]) return false;
  return BigInt(count[2] as string) >= BigInt(other[2] as string);
}

const registered = new WeakMap<Kysely<Database>, DataVersion>();

/** Ties a database to the way its version is read (connect.ts does it for each it opens). */
export function registerDataVersion(db: Kysely<Database>, version: DataVersion): void {
  registered.set(db, version);
}

/**
 * The version of `db`'s data: the one registered when it was opened, or else the audit
 * chain's head read from the database, which is right on every backend.
 */
export function dataVersionOf(db: Kysely<Database>): DataVersion {
  let version = registered.get(db);
  if (!version) {
    version = auditHeadVersion(db);
    registered.set(db, version);
  }
  return version;
}

/**
 * The embedded database's version: the count of writes committed through its pool (one
 * process holds the data folder, through one connection), read without a query.
 */
export function countedVersion(counter: { commits: number }): DataVersion {
  return { read: async () => `c${counter.commits}` };
}

/**
 * A PostgreSQL database's version, shared by every instance on it: the audit chain's head.
 * Every write commits audit rows (each table's triggers, or audit_append), and draws their
 * sequence numbers under the chain's lock, which it holds to its commit (transaction.ts): so
 * sequence numbers become visible in commit order, and the highest visible one moves with
 * every commit. A read of it is one index probe.
 *
 * Requests that arrive while a read is running wait for the next one, which starts when the
 * running one ends: each request gets a version read after it arrived, and under load a
 * single query answers every request that arrived during the previous one.
 */
export function auditHeadVersion(db: Kysely<Database>): DataVersion {
  const query = async () => {
    const { rows } = await sql<{ seq: string | null }>`
      select (select seq from audit_log order by seq desc limit 1)::text as seq`.execute(db);
    return `a${rows[0]?.seq ?? "0"}`;
  };
  let running: Promise<string> | null = null;
  let next: Promise<string> | null = null;
  const start = (): Promise<string> => {
    const read = query().finally(() => {
      if (running === read) running = null;
    });
    running = read;
    return read;
  };
  return {
    read() {
      if (!running) return start();
      if (!next) {
        next = running
          .catch(() => undefined)
          .then(() => {
            next = null;
            return start();
          });
      }
      return next;
    },
  };
}
