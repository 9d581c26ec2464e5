import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testBackend } from "../../../test/support/database.ts";
import { type DatabaseHandle, openPostgres } from "./connect.ts";
import type { Database } from "./schema.ts";
import { AUDIT_CHAIN_LOCK, inTransaction } from "./transaction.ts";
import { WriteTurns, writeTurnsOf } from "./write-turns.ts";

describe("write turns", () => {
  it("run one at a time, first come first served, and pass on after a failure", async () => {
    const turns = new WriteTurns();
    const order: string[] = [];
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const first = turns.run(async () => {
      order.push("1 starts");
      await gate;
      order.push("1 ends");
    });
    const second = turns.run(async () => {
      order.push("2 starts");
      throw new Error("refused");
    });
    const third = turns.run(async () => {
      order.push("3 starts");
      return 3;
    });
    expect(turns.running).toBe(1);
    expect(turns.waiting).toBe(2);
    open();
    await first;
    await expect(second).rejects.toThrow("refused");
    expect(await third).toBe(3);
    expect(order).toEqual(["1 starts", "1 ends", "2 starts", "3 starts"]);
    expect(turns.running).toBe(0);
    expect(turns.waiting).toBe(0);
  });
});

/**
 * Writers queue for the audit chain's lock without holding the pool's connections: with more writers in
 * flight than the pool has connections (PostgreSQL: a pool of 4; embedded: its one), a read
 * started while the first writer holds the chain's lock is served before the second writer's
 * transaction: on PostgreSQL before the first commits, on the embedded database right after.
 */
describe("a read during a queue of writers", () => {
  const writers = 12;
  let handle: DatabaseHandle;
  let db: Kysely<Database>;
  let close = async () => {};

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    if (testBackend === "postgres" && handle.connectionString) {
      const small = await openPostgres(handle.connectionString, 4);
      db = small.db;
      // The pool's four connections opened now: a writer that had to open one during the
      // test could be overtaken by several later writers reusing the connections of those
      // that committed, which is not what the test is about.
      await Promise.all(
        Array.from({ length: 4 }, () => sql`select pg_sleep(0.05)`.execute(small.db)),
      );
      close = () => small.close();
    }
  });
  afterAll(async () => {
    await close();
    await handle.close();
  });

  it("is served between two writes, not after the queue drains", async () => {
    const order: string[] = [];
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let holding = () => {};
    const lockHeld = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const write = (n: number) =>
      inTransaction(db, async (trx) => {
        await trx
          .insertInto("organizations")
          .values({
            code: `TURN-${n}`,
            kind: "international_org",
            name_es: `Socio ${n}`,
            name_en: `Partner ${n}`,
            acronym: null,
            country_iso2: null,
            iati_org_id: null,
            website: null,
          })
          .execute();
        if (n === 1) {
          holding();
          await gate;
        }
      }).then(() => order.push(`write ${n}`));

    const all = [write(1)];
    await lockHeld;
    let waitingForLock: number | undefined;
    try {
      for (let n = 2; n <= writers; n++) all.push(write(n));
      // The other writers wait for their turn in the process, not for a connection: on
      // PostgreSQL the second holds one, waiting for the chain's lock.
      const running = testBackend === "postgres" ? 2 : 1;
      expect(writeTurnsOf(db).running).toBe(running);
      expect(writeTurnsOf(db).waiting).toBe(writers - running);
      // The read: how many sessions of this database wait for the chain's lock.
      const read = sql<{ waiting: number }>`
        select count(*)::int as waiting from pg_locks
        where locktype = 'advisory' and not granted and objid = ${AUDIT_CHAIN_LOCK}
          and database = (select oid from pg_database where datname = current_database())`
        .execute(db)
        .then(({ rows }) => {
          order.push("read");
          return rows[0]?.waiting;
        });
      // PostgreSQL: a free connection serves it while the first writer still holds the lock.
      // Embedded: its one connection is the first writer's until it commits, then the read's.
      if (testBackend === "postgres") waitingForLock = await read;
      open();
      waitingForLock = await read;
      await Promise.all(all);
    } finally {
      open();
    }

    // At most the next writer waits for the lock with a connection (never on the embedded one).
    expect(waitingForLock).toBeLessThanOrEqual(1);
    expect(order).toHaveLength(writers + 1);
    expect(order.indexOf("read")).toBe(testBackend === "postgres" ? 0 : 1);
    const writes = order.filter((step) => step !== "read");
    const inTurn = Array.from({ length: writers }, (_, i) => `write ${i + 1}`);
    if (testBackend === "postgres") {
      // Two writers hold connections at once: the next one's answers may reach this process
      // before the committing one's, so two neighbours may be heard in either order, never more.
      expect([...writes].sort()).toEqual([...inTurn].sort());
      writes.forEach((step, i) => {
        expect(Math.abs(inTurn.indexOf(step) - i), step).toBeLessThanOrEqual(1);
      });
    } else {
      expect(writes).toEqual(inTurn);
    }
    const { rows } = await sql<{ written: number }>`
      select count(*)::int as written from organizations where code like 'TURN-%'`.execute(db);
    expect(rows[0]?.written).toBe(writers);
  }, 120_000);
});
