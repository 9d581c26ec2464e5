import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, testBackend } from "../../../test/support/database.ts";
import { type DatabaseHandle, openEmbedded } from "./connect.ts";

describe.skipIf(testBackend !== "postgres")("a PostgreSQL connection the server ends", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("is reported in one line and replaced, never an uncaught error", async () => {
    const written: string[] = [];
    const write = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      // Two connections at once, so that both stay idle in the pool afterwards.
      const pids = await Promise.all(
        [0, 1].map(() =>
          handle.db.transaction().execute(async (tx) => {
            const r = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
            await sql`select pg_sleep(0.05)`.execute(tx);
            return r.rows[0]?.pid ?? 0;
          }),
        ),
      );
      // One of the two ends the other, which is left idle in the pool.
      const victim = await handle.db.connection().execute(async (conn) => {
        const r = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
        const other = pids.find((pid) => pid !== r.rows[0]?.pid) ?? 0;
        await sql`select pg_terminate_backend(${other})`.execute(conn);
        return other;
      });
      expect(pids).toContain(victim);
      await vi.waitFor(() => expect(written.join("")).toContain("57P01"), { timeout: 5_000 });
      expect(written.join("")).toMatch(/^ESCA Hub: an idle database connection was closed/m);
      // The pool goes on with a new connection.
      const after = await Promise.all(
        [0, 1].map(() => sql<{ one: number }>`select 1 as one`.execute(handle.db)),
      );
      expect(after.map((r) => r.rows[0]?.one)).toEqual([1, 1]);
      expect(uncaught).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
      write.mockRestore();
    }
  });
});

describe("the embedded database", () => {
  it("creates WAL segments without zero-filling them, and keeps PGlite's own settings", async () => {
    const handle = await openEmbedded();
    try {
      const show = async (name: string) =>
        (
          await sql<Record<string, string>>`select current_setting(${name}) as value`.execute(
            handle.db,
          )
        ).rows[0]?.value;
      expect(await show("wal_init_zero")).toBe("off");
      // PGlite's defaults still apply beside it.
      expect(await show("search_path")).toBe("public");
      expect(await show("max_worker_processes")).toBe("0");
    } finally {
      await handle.close();
    }
  });
});
