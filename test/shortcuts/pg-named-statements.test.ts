import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knownTo } from "../../src/platform/db/pg-prepared.ts";
import { testBackend } from "../support/database.ts";

/**
 * On PostgreSQL, ESCA Hub reads node-postgres's own records of the named statements a
 * connection has parsed (`client.connection.parsedStatements`, not a documented API) to count
 * what each connection keeps. If an upgrade moves them, every name would count as new and,
 * past the limit, statements would silently run unprepared again: this test fails instead.
 */
describe.skipIf(testBackend !== "postgres")("node-postgres's named statements", () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: process.env.ESCA_TEST_DATABASE_URL, max: 1 });
  });
  afterAll(async () => pool?.end());

  it("are recorded on the connection once parsed", async () => {
    const client = await pool.connect();
    try {
      expect(knownTo(client, "esca_probe")).toBe(false);
      const first = await client.query({
        name: "esca_probe",
        text: "select $1::int as n",
        values: [1],
      });
      expect(first.rows).toEqual([{ n: 1 }]);
      expect(knownTo(client, "esca_probe")).toBe(true);
      const { rows } = await client.query("select name from pg_prepared_statements");
      expect(rows.map((row) => row.name)).toContain("esca_probe");
    } finally {
      client.release();
    }
  });
});
