import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testBackend } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "../db/connect.ts";
import { type EventBus, openEventBus, publish, RECONNECTED_TOPIC } from "./index.ts";

/** Collects what a topic hears, and waits for a given payload to arrive. */
function listen(bus: EventBus, topic: string) {
  const heard: unknown[] = [];
  const waiting = new Set<() => void>();
  bus.subscribe(topic, (payload) => {
    heard.push(payload);
    for (const check of [...waiting]) check();
  });
  const until = (accept: (payload: unknown) => boolean, timeoutMs = 5000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!heard.some(accept)) return;
        waiting.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiting.delete(check);
        reject(new Error(`not heard within ${timeoutMs} ms; heard ${JSON.stringify(heard)}`));
      }, timeoutMs);
      waiting.add(check);
      check();
    });
  return { heard, until };
}

describe(`the event bus (${testBackend})`, () => {
  let handle: DatabaseHandle;
  let bus: EventBus;
  beforeAll(async () => {
    handle = await createTestDatabase();
    bus = await openEventBus(handle, { retryMs: 50, log: () => undefined });
  });
  afterAll(async () => {
    await bus.close();
    await handle.close();
  });

  it("delivers an event committed with its transaction, and never one rolled back", async () => {
    const topic = listen(bus, "test.order");
    await handle.db
      .transaction()
      .execute(async (trx) => {
        await publish(trx, "test.order", { n: "rolled back" });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await handle.db.transaction().execute(async (trx) => {
      await publish(trx, "test.order", { n: 1 });
      await publish(trx, "test.order", { n: 2 });
    });
    await publish(handle.db, "test.order", { n: 3 });
    await topic.until((payload) => (payload as { n: unknown }).n === 3);
    // Committed events arrive in order; the rolled-back one never does.
    expect(topic.heard).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(bus.connected).toBe(true);
  });

  it("keeps topics apart and stops a handler that unsubscribed", async () => {
    const other = listen(bus, "test.other");
    const still = listen(bus, "test.stopped");
    const heard: unknown[] = [];
    const stop = bus.subscribe("test.stopped", (payload) => heard.push(payload));
    await publish(handle.db, "test.stopped", 1);
    await still.until((payload) => payload === 1);
    stop();
    await publish(handle.db, "test.stopped", 2);
    await publish(handle.db, "test.other", "marker");
    await other.until((payload) => payload === "marker");
    expect(still.heard).toEqual([1, 2]);
    expect(heard).toEqual([1]);
    expect(other.heard).toEqual(["marker"]);
  });

  it("refuses a payload too large for NOTIFY, publishing nothing", async () => {
    await expect(publish(handle.db, "test.big", { ids: "x".repeat(8000) })).rejects.toThrow(
      /send ids, not records/,
    );
  });

  it.skipIf(testBackend !== "postgres")(
    "listens again after its connection is ended, and says so (PostgreSQL only)",
    async () => {
      const reconnected = listen(bus, RECONNECTED_TOPIC);
      const topic = listen(bus, "test.after");
      const ended = await sql<{ ended: boolean }>`
        select pg_terminate_backend(pid) as ended from pg_stat_activity
        where application_name = 'esca-events' and datname = current_database()`.execute(handle.db);
      expect(ended.rows.map((row) => row.ended)).toEqual([true]);
      await reconnected.until(() => true);
      expect(bus.connected).toBe(true);
      await publish(handle.db, "test.after", "heard again");
      await topic.until((payload) => payload === "heard again");
    },
  );

  it.skipIf(testBackend !== "postgres")(
    "reaches every instance listening on the database (PostgreSQL only)",
    async () => {
      const second = await openEventBus(handle, { log: () => undefined });
      try {
        const here = listen(bus, "test.shared");
        const there = listen(second, "test.shared");
        // Published on a connection of its own, as another process would.
        const client = new pg.Client({ connectionString: handle.connectionString });
        await client.connect();
        await client.query("select pg_notify('esca_events', $1)", [
          JSON.stringify({ topic: "test.shared", payload: "from elsewhere" }),
        ]);
        await client.end();
        await here.until((payload) => payload === "from elsewhere");
        await there.until((payload) => payload === "from elsewhere");
      } finally {
        await second.close();
      }
    },
  );
});
