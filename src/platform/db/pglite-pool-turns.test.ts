import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runWithContext, systemContext } from "../request-context.ts";
import { type DatabaseHandle, openEmbedded } from "./connect.ts";
import { PGlitePool } from "./pglite-pool.ts";

/**
 * The embedded database computes in the server's own thread, so the order in which its one
 * connection is handed out decides what else the server can do meanwhile. These tests open an
 * embedded database of their own, whichever backend the suite uses.
 */
describe("the embedded pool's turns", () => {
  let handle: DatabaseHandle;
  let pglite: PGlite;
  let pool: PGlitePool;

  beforeAll(async () => {
    handle = await openEmbedded();
    if (!handle.pglite) throw new Error("an embedded database has its PGlite");
    pglite = handle.pglite;
    pool = new PGlitePool(pglite);
  });
  afterAll(async () => handle.close());

  /** One statement on a connection of its own borrowing, as Kysely runs one outside a transaction. */
  async function statement(text: string): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query(text, []);
    } finally {
      client.release();
    }
  }

  it("lets the event loop turn while many borrowers wait, and serves every one", async () => {
    // Each statement takes a few milliseconds of this thread; 60 of them queued at once took
    // one drain of the microtask queue before, with nothing else run until the last was done.
    const slow = "select count(*) from generate_series(1, 100000)";
    let done = 0;
    const all = Promise.all(Array.from({ length: 60 }, () => statement(slow).then(() => done++)));
    const doneWhenTheLoopTurned = await new Promise<number>((resolve) =>
      setImmediate(() => resolve(done)),
    );
    await all;
    expect(done).toBe(60);
    expect(doneWhenTheLoopTurned).toBeLessThan(60);
  });

  it("keeps lending the connection while a test fakes the global setImmediate", async () => {
    vi.useFakeTimers({ toFake: ["setImmediate"] });
    try {
      const slow = "select count(*) from generate_series(1, 100000)";
      let done = 0;
      await Promise.all(Array.from({ length: 20 }, () => statement(slow).then(() => done++)));
      expect(done).toBe(20);
    } finally {
      vi.useRealTimers();
    }
  });

  it("hands the connection to a read-only request before queued writers, but not forever", async () => {
    const order: string[] = [];
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    // A write transaction holds the connection; two writers and then ten reads queue behind it.
    const holder = (async () => {
      const client = await pool.connect();
      await gate;
      order.push("holder");
      client.release();
    })();
    const writer = (n: number) =>
      runWithContext({ ...systemContext("test"), readsOnly: false }, async () => {
        await statement("select 1");
        order.push(`write ${n}`);
      });
    const reader = (n: number) =>
      runWithContext({ ...systemContext("test"), readsOnly: true }, async () => {
        await statement("select 1");
        order.push(`read ${n}`);
      });
    const waiting = [writer(1), writer(2)];
    await new Promise((resolve) => setImmediate(resolve));
    for (let n = 1; n <= 10; n++) waiting.push(reader(n));
    await new Promise((resolve) => setImmediate(resolve));
    open();
    await Promise.all([holder, ...waiting]);
    expect(order[0]).toBe("holder");
    // Reads first, eight in a row at most; then a writer; then the reads left; then the other.
    expect(order.slice(1)).toEqual([
      ...Array.from({ length: 8 }, (_, i) => `read ${i + 1}`),
      "write 1",
      "read 9",
      "read 10",
      "write 2",
    ]);
  });
});
