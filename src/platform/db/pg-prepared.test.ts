import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testBackend } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "./connect.ts";

/**
 * On PostgreSQL a statement with parameters seen a second time runs as a named statement,
 * prepared once per connection; its answers are the unnamed path's, also after the table it
 * reads changes its columns, in this process or in another.
 */
describe.skipIf(testBackend !== "postgres")("prepared statements on PostgreSQL", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await sql`create table prepared_probe (id int primary key, label text)`.execute(handle.db);
    await sql`insert into prepared_probe values (1, 'one'), (2, 'two')`.execute(handle.db);
  }, 60_000);
  afterAll(async () => handle?.close());

  /** The same statement with a parameter, in one connection, and that connection's prepared ones. */
  const probe = (id: number) =>
    handle.db.connection().execute(async (db) => {
      const rows = (
        await sql<Record<string, unknown>>`select * from prepared_probe where id = ${id}`.execute(
          db,
        )
      ).rows;
      const prepared = (
        await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)
      ).rows.map((row) => row.statement);
      return { rows, prepared };
    });

  it("prepares a statement the second time it runs, with the same answers", async () => {
    const first = await probe(1);
    expect(first.rows).toEqual([{ id: 1, label: "one" }]);
    const runs = [];
    for (let i = 0; i < 8; i++) runs.push(await probe(2));
    for (const run of runs) expect(run.rows).toEqual([{ id: 2, label: "two" }]);
    expect(runs.at(-1)?.prepared.some((text) => text.includes("from prepared_probe"))).toBe(true);
  });

  it("prepares afresh after this process changes the table's columns", async () => {
    for (let i = 0; i < 3; i++) await probe(1);
    await sql`alter table prepared_probe add column note text`.execute(handle.db);
    // Inside a transaction, where a refused statement could not be run again.
    const rows = await handle.db.transaction().execute(async (tx) => {
      return (await sql`select * from prepared_probe where id = ${1}`.execute(tx)).rows;
    });
    expect(rows).toEqual([{ id: 1, label: "one", note: null }]);
  });

  it("runs a statement again unnamed when another process changed the columns", async () => {
    for (let i = 0; i < 3; i++) await probe(2);
    const other = new pg.Client({ connectionString: handle.connectionString });
    await other.connect();
    try {
      await other.query("alter table prepared_probe add column weight int");
    } finally {
      await other.end();
    }
    expect((await probe(2)).rows).toEqual([{ id: 2, label: "two", note: null, weight: null }]);
    // Inside a transaction the refusal is the transaction's end; the next one prepares anew.
    const other2 = new pg.Client({ connectionString: handle.connectionString });
    await other2.connect();
    for (let i = 0; i < 3; i++) await probe(1);
    await other2.query("alter table prepared_probe drop column weight");
    await other2.end();
    const attempt = () =>
      handle.db.transaction().execute(async (tx) => {
        const { rows } = await sql`select * from prepared_probe where id = ${1}`.execute(tx);
        return rows;
      });
    const outcome = await attempt().catch((error: { code?: string }) => error.code);
    if (typeof outcome === "string") expect(outcome).toBe("0A000");
    expect(await attempt()).toEqual([{ id: 1, label: "one", note: null }]);
  });
});
