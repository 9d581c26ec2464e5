import type { PGlite } from "@electric-sql/pglite";
import type { PostgresPoolClient } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openEmbedded } from "./connect.ts";
import { PGlitePool } from "./pglite-pool.ts";
import { mayChangeSchema, PreparedStatements, textLiteral } from "./prepared-statements.ts";

/**
 * The embedded pool runs a statement it has run twice as a prepared statement with its values
 * as literals. Its answers must be the normal path's: each statement below runs three times
 * (normal, normal then PREPARE, EXECUTE) and the third answer is compared with the first.
 * These tests open an embedded database of their own, whichever backend the suite uses.
 */
describe("prepared statements on the embedded database", () => {
  let handle: DatabaseHandle;
  let pglite: PGlite;
  let pool: PGlitePool;
  const executed: string[] = [];

  beforeAll(async () => {
    handle = await openEmbedded();
    if (!handle.pglite) throw new Error("an embedded database has its PGlite");
    pglite = handle.pglite;
    const exec = pglite.exec.bind(pglite);
    pglite.exec = ((text: string, options?: unknown) => {
      if (text.startsWith("execute esca_")) executed.push(text);
      return exec(text, options as undefined);
    }) as typeof pglite.exec;
    pool = new PGlitePool(pglite);
    await pglite.exec(`
      create table kinds (
        i int, b bigint, n numeric, t text, f boolean, d date, ts timestamptz, j jsonb,
        js json, u uuid, y bytea, ta text[], ba bigint[], ua uuid[], fl float8, c char(3));
      create table keyed (id int primary key, label text)`);
  });
  afterAll(async () => handle.close());

  async function withClient<T>(use: (client: PostgresPoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await use(client);
    } finally {
      client.release();
    }
  }
  const query = (sql: string, parameters: unknown[]) =>
    withClient((client) => client.query(sql, parameters));

  /** The first (normal) and third (prepared) answers of a statement, and that it was EXECUTEd. */
  async function bothWays(sql: string, parameters: unknown[]) {
    const normal = await query(sql, parameters);
    await query(sql, parameters);
    const before = executed.length;
    const prepared = await query(sql, parameters);
    return { normal, prepared, executes: executed.length - before };
  }

  const tricky = "it's \\ a \"test\"\n\t with ünïcödé, emoji 🌎, '' and \\x41 and $1";
  const inserts: Array<[string, unknown[]]> = [
    [
      "insert into kinds values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) returning *",
      [
        -42,
        9007199254740993n,
        "12345678901234567890.000000000001",
        tricky,
        true,
        "2013-02-28",
        new Date("2012-03-01T10:11:12.345Z"),
        { a: 1, nested: { quote: "it's", backslash: "a\\b" }, big: 12n, list: [1, "x", null] },
        '{"kept": "as text",  "spaces": true}',
        "0f8fad5b-d9cb-469f-a165-70867728950e",
        new Uint8Array([0, 1, 39, 92, 255]),
        ["a", "b'c", 'd"e', "f\\g", null, "", "NULL", "{x}"],
        [1n, -2n, 9007199254740993n],
        ["0f8fad5b-d9cb-469f-a165-70867728950e"],
        1.5e-7,
        "ab",
      ],
    ],
    [
      "insert into kinds (i, f, ts, j, t, ta, b) values ($1, $2, $3, $4, $5, $6, $7) returning *",
      [null, false, "2014-01-01 00:00:00+00", '"a json string"', "", [], undefined],
    ],
    // Values of other JavaScript types where the parameter is text (PGlite's toString()).
    ["select $1::text as a, $2::text as b, $3::text as c, $4::text as d", [7.25, true, 5n, [1, 2]]],
    ["select $1::text as date_as_text, $2 as untyped", [new Date(0), { toString: () => "obj" }]],
    ["select $1::int + $2::int8 as sum, $3::numeric * 2 as twice", [2, 40n, "0.5"]],
    ["select * from kinds where t = $1 and b = $2", [tricky, 9007199254740993n]],
    ["select count(*)::int as n from kinds where f = $1", [false]],
    ["select unnest($1::text::uuid[]) as id", ["{0f8fad5b-d9cb-469f-a165-70867728950e}"]],
    ["update kinds set c = $1 where i = $2", ["xyz", -42]],
    ["with gone as (delete from kinds where i is null and f = $1 returning i) select 1", [true]],
  ];

  for (const [sql, parameters] of inserts) {
    it(`answers as the normal path: ${sql.slice(0, 60)}…`, async () => {
      const { normal, prepared, executes } = await bothWays(sql, parameters);
      expect(executes).toBe(1);
      expect(prepared).toEqual(normal);
    });
  }

  it("reads every column type back as the normal path does", async () => {
    const { normal, prepared } = await bothWays("select * from kinds where i = $1", [-42]);
    expect(normal.rows.length).toBeGreaterThan(0);
    expect(prepared.rows).toEqual(normal.rows);
    const row = normal.rows[0] as Record<string, unknown>;
    expect(row.b).toBe(9007199254740993n);
    expect(row.t).toBe(tricky);
    expect(row.ta).toEqual(["a", "b'c", 'd"e', "f\\g", null, "", "NULL", "{x}"]);
    expect(row.y).toEqual(new Uint8Array([0, 1, 39, 92, 255]));
    expect(row.d).toBe("2013-02-28");
  });

  it("fails as the normal path fails: same code, message and detail", async () => {
    await query("insert into keyed values ($1, $2)", [1, "one"]);
    const sql = "insert into keyed values ($1, $2)";
    await query(sql, [2, "two"]);
    await query(sql, [3, "three"]); // prepared now
    const outcome = (parameters: unknown[]) =>
      query(sql, parameters).then(
        () => null,
        (error: { code?: string; message?: string; detail?: string; query?: string }) => ({
          code: error.code,
          message: error.message,
          detail: error.detail,
          query: error.query,
        }),
      );
    const prepared = await outcome([1, "again"]);
    const bad = await outcome(["not a number", "x"]);
    expect(executed.at(-1)).toMatch(/^execute esca_\d+\('not a number', 'x'\)$/);
    // The normal path, for comparison: a text never seen before.
    const normalSql = `${sql} -- normal`;
    const direct = async (parameters: unknown[]) =>
      pglite.query(normalSql, parameters).then(
        () => null,
        (error: { code?: string; message?: string; detail?: string }) => ({
          code: error.code,
          message: error.message,
          detail: error.detail,
          query: sql,
        }),
      );
    expect(prepared).toEqual(await direct([1, "again"]));
    expect(prepared?.code).toBe("23505");
    expect(bad).toEqual(await direct(["not a number", "x"]));
    expect(bad?.code).toBe("22P02");
  });

  it("takes the normal path for a value that cannot be a literal", async () => {
    const sql = "select $1::text as t";
    await bothWays(sql, ["warm"]);
    const before = executed.length;
    await expect(query(sql, ["nul \0 inside"])).rejects.toMatchObject({ code: "22021" });
    expect(executed.length).toBe(before);
  });

  it("follows a schema change made through the pool, and one rolled back", async () => {
    const sql = "select * from keyed where id = $1";
    const first = await bothWays(sql, [1]);
    expect(first.prepared.rows).toEqual([{ id: 1, label: "one" }]);
    // Read in a transaction, where a stale plan could not be recovered from.
    const inTransaction = () =>
      withClient(async (client) => {
        await client.query("begin", []);
        const { rows } = await client.query(sql, [1]);
        await client.query("commit", []);
        return rows;
      });
    await query("alter table keyed add column extra int default 7", []);
    expect(await inTransaction()).toEqual([{ id: 1, label: "one", extra: 7 }]);
    await withClient(async (client) => {
      await client.query("begin", []);
      await client.query("alter table keyed add column more int default 8", []);
      for (let i = 0; i < 3; i++) await client.query(sql, [1]);
      await client.query("rollback", []);
    });
    expect(await inTransaction()).toEqual([{ id: 1, label: "one", extra: 7 }]);
    const after = await bothWays(sql, [1]);
    expect(after.executes).toBe(1);
    // A change the pool did not see (straight to PGlite): outside a transaction it recovers.
    await pglite.exec("alter table keyed drop column extra");
    expect((await query(sql, [1])).rows).toEqual([{ id: 1, label: "one" }]);
  });

  it("leaves the caller's transaction intact when PREPARE fails", async () => {
    const sql = "insert into keyed values ($1, $2) returning label";
    const exec = pglite.exec;
    let failed = 0;
    pglite.exec = ((text: string) => {
      if (!text.includes("prepare esca_")) return exec(text);
      failed++;
      return exec(text.replace(/prepare esca_\d+ as [^;]*/, "select 1/0"));
    }) as typeof pglite.exec;
    try {
      await withClient(async (client) => {
        await client.query("begin", []);
        await client.query(sql, [10, "ten"]);
        await client.query(sql, [11, "eleven"]);
        expect((await client.query(sql, [12, "twelve"])).rows).toEqual([{ label: "twelve" }]);
        await client.query("commit", []);
      });
    } finally {
      pglite.exec = exec;
    }
    expect(failed).toBe(1);
    const { rows } = await query("select count(*)::int as n from keyed where id >= $1", [10]);
    expect(rows).toEqual([{ n: 3 }]);
  });

  it("drops the least recently used statement and still runs it afterwards", async () => {
    const statements = new PreparedStatements(pglite, 2);
    const texts = ["select $1::int + 1 as v", "select $1::int + 2 as v", "select $1::int + 3 as v"];
    const names = async () =>
      (await pglite.query<{ n: number }>("select count(*)::int as n from pg_prepared_statements"))
        .rows[0]?.n;
    const start = await names();
    for (const text of texts) {
      await statements.ranNormally(text, false);
      await statements.ranNormally(text, false);
    }
    expect(await names()).toBe((start ?? 0) + 2);
    expect(await statements.execute(texts[0] as string, [1], false)).toBeUndefined();
    expect((await statements.execute(texts[2] as string, [1], false))?.rows).toEqual([{ v: 4 }]);
    // The evicted one through the pool: the normal path, then prepared again.
    const evicted = await bothWays(texts[0] as string, [1]);
    expect(evicted.prepared.rows).toEqual([{ v: 2 }]);
  });

  it("writes literals PostgreSQL reads back unchanged", async () => {
    for (const text of ["plain", "it's", "back\\slash", "both \\' and ''", ""]) {
      const { rows } = await pglite.query<{ v: string }>(`select ${textLiteral(text)}::text as v`);
      expect(rows[0]?.v).toBe(text);
    }
  });

  it("empties the cache after DDL but not after data changes", () => {
    expect(mayChangeSchema("-- a migration\ncreate table x (id int)")).toBe(true);
    expect(mayChangeSchema("alter table x add column y int")).toBe(true);
    expect(mayChangeSchema("rollback to savepoint s")).toBe(true);
    expect(mayChangeSchema("insert into x values (1)")).toBe(false);
    expect(mayChangeSchema("set local lock_timeout = '1s'")).toBe(false);
  });
});
