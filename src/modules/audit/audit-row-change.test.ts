import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";

describe("the row trigger", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  const entries = (entityType: string) =>
    handle.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_type", "=", entityType)
      .orderBy("seq")
      .execute();

  it("never writes the columns named as its arguments", async () => {
    // Stands for the accounts tables, which attach the trigger the same way.
    await sql`create table audit_probe (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      password_hash text,
      totp_secret text
    )`.execute(handle.db);
    await sql`create trigger audit_probe_audit after insert or update or delete on audit_probe
      for each row execute function audit_row_change('password_hash', 'totp_secret')`.execute(
      handle.db,
    );
    await sql`insert into audit_probe (email, password_hash, totp_secret)
      values ('ana@example.org', 'argon2id-SECRET-ONE', 'TOTP-SECRET-ONE')`.execute(handle.db);
    await sql`update audit_probe set password_hash = 'argon2id-SECRET-TWO'`.execute(handle.db);
    await sql`delete from audit_probe`.execute(handle.db);

    const rows = await entries("audit_probe");
    expect(rows.map((r) => r.action)).toEqual(["insert", "update", "delete"]);
    for (const row of rows) {
      for (const image of [row.before, row.after]) {
        if (image) expect(Object.keys(image)).not.toContain("password_hash");
        if (image) expect(Object.keys(image)).not.toContain("totp_secret");
      }
    }
    expect(rows[0]?.after).toMatchObject({ email: "ana@example.org" });
    const leaks = await sql<{ n: number }>`
      select count(*)::int as n from audit_log a where audit_canonical(a) like '%SECRET%'`.execute(
      handle.db,
    );
    expect(leaks.rows[0]?.n).toBe(0);
  });

  it("names a row keyed by several columns by its key values, and skips updates that change nothing", async () => {
    await handle.db
      .insertInto("exchange_rates")
      .values({ currency: "EUR", rate_date: "2011-06-22", usd_per_unit: "1.4385", source: "ECB" })
      .execute();
    await sql`update exchange_rates set source = source`.execute(handle.db);
    await sql`update exchange_rates set source = 'ECB reference rate'`.execute(handle.db);
    const rows = await entries("exchange_rates");
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([
      ["insert", "EUR:2011-06-22"],
      ["update", "EUR:2011-06-22"],
    ]);
    expect(rows[1]?.before).toMatchObject({ source: "ECB" });
    expect(rows[1]?.after).toMatchObject({ source: "ECB reference rate" });
  });

  it("records a TRUNCATE of a domain table", async () => {
    await sql`truncate exchange_rates`.execute(handle.db);
    const rows = await entries("exchange_rates");
    expect(rows.at(-1)).toMatchObject({ action: "truncate", entity_id: null });
  });
});
