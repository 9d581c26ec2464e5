import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/**
 * Write transactions of one process take turns here before they borrow a connection.
 *
 * Every write transaction waits for the audit chain's lock (transaction.ts), so writers run
 * one after another whatever the number of connections. Were they to wait for it holding a
 * connection, 50 writers would hold the whole pool (PostgreSQL) or queue in front of every
 * read for the one connection (the embedded database), and a read would wait for all of them.
 * Waiting here instead, a writer borrows a connection only when its turn comes: the other
 * connections serve reads, and on the embedded database a read that arrives during a write
 * goes right after it, before the next writer. The chain's lock still orders writers across
 * instances and processes.
 */
export class WriteTurns {
  #waiting: Array<() => void> = [];
  #running = 0;

  constructor(private readonly limit = 1) {}

  /** Write transactions waiting for their turn (not counting those running). */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Write transactions running (holding, or about to borrow, a connection): at most `limit`. */
  get running(): number {
    return this.#running;
  }

  /** Runs `work` when its turn comes, first come first served; the next turn starts when it ends. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      // The turn passes directly to the next writer, so a newcomer cannot overtake it.
      if (next) next();
      else this.#running--;
    }
  }
}

const turns = new WeakMap<Kysely<Database>, WriteTurns>();

/**
 * Ties a database to its writers' turns (connect.ts: two on PostgreSQL, so that the next
 * writer's BEGIN and lock request overlap the running one's commit, at the cost of a second
 * connection; one on the embedded database, whose one connection allows no overlap).
 */
export function registerWriteTurns(db: Kysely<Database>, writeTurns: WriteTurns): void {
  turns.set(db, writeTurns);
}

/** The turns of the write transactions on `db` in this process (one at a time unless registered). */
export function writeTurnsOf(db: Kysely<Database>): WriteTurns {
  let found = turns.get(db);
  if (!found) {
    found = new WriteTurns();
    turns.set(db, found);
  }
  return found;
}
