import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, testBackend } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import type { Database } from "../../platform/db/schema.ts";
import { runWithContext } from "../../platform/request-context.ts";
import { verifyAuditChain } from "./index.ts";

/**
 * Domain tables are audited once per statement (20261129200000_audit_per_statement.sql);
 * the log must read as if each row had been audited on its own.
 */
describe("the statement trigger", () => {
  let handle: DatabaseHandle;
  let db: Kysely<Database>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
  });
  afterAll(async () => handle.close());

  let lastSeq = 0n;
  beforeEach(async () => {
    const last = await db
      .selectFrom("audit_log")
      .select("seq")
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    lastSeq = last?.seq ?? 0n;
  });
  /** The rows appended since the test began, in chain order. */
  const appended = (entityType: string) =>
    db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_type", "=", entityType)
      .where("seq", ">", lastSeq)
      .orderBy("seq")
      .execute();
  const expectIntactChain = async () => {
    const total = await db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<bigint>().as("n"))
      .executeTakeFirstOrThrow();
    expect(await verifyAuditChain({ db, batchSize: 4 })).toMatchObject({
      ok: true,
      rows: Number(total.n),
    });
  };

  it("writes one chained row per row of a multi-row insert, update and delete, in the order the statement wrote them", async () => {
    const request = {
      requestId: "req-bulk-1",
      clientAddress: "203.0.113.7",
      userId: null,
      actor: "importer@example.org",
      organizationId: null,
    };
    const inserted = await runWithContext(request, () =>
      db
        .insertInto("indicators")
        .values(["M-3", "M-1", "M-5", "M-2", "M-4"].map((code) => indicator(code)))
        .returning(["id", "code"])
        .execute(),
    );
    const updated = await sql<{ id: string }>`
      update indicators set unit = 'percent' where code like 'M-%' returning id`.execute(db);
    const deleted = await sql<{ id: string }>`
      delete from indicators where code like 'M-%' returning id`.execute(db);

    const rows = await appended("indicators");
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([
      ...inserted.map((r) => ["insert", r.id]),
      ...updated.rows.map((r) => ["update", r.id]),
      ...deleted.rows.map((r) => ["delete", r.id]),
    ]);
    expect(rows.slice(0, 5).map((r) => (r.after as { code: string }).code)).toEqual(
      inserted.map((r) => r.code),
    );
    for (const insert of rows.slice(0, 5)) {
      expect(insert).toMatchObject({
        actor: "importer@example.org",
        request_id: "req-bulk-1",
        client_address: "203.0.113.7",
      });
    }
    for (const update of rows.slice(5, 10)) {
      expect(update.before).toMatchObject({ id: update.entity_id, unit: "count" });
      expect(update.after).toMatchObject({ id: update.entity_id, unit: "percent" });
    }
    for (const [index, row] of rows.entries()) {
      if (index > 0) expect(row.prev_hash).toBe(rows[index - 1]?.hash);
    }
    await expectIntactChain();
  });

  it("logs only the rows a multi-row UPDATE changed", async () => {
    await db
      .insertInto("indicators")
      .values(["U-1", "U-2", "U-3", "U-4"].map((code) => indicator(code)))
      .execute();
    await sql`update indicators set unit = case when code in ('U-2', 'U-4') then 'percent' else unit end
      where code like 'U-%'`.execute(db);
    await sql`update indicators set unit = unit where code like 'U-%'`.execute(db);

    const updates = (await appended("indicators")).filter((r) => r.action === "update");
    expect(updates.map((r) => (r.after as { code: string }).code)).toEqual(["U-2", "U-4"]);
    await expectIntactChain();
  });

  it("keeps hidden columns out of a multi-row update of accounts", async () => {
    const organization = await db
      .insertInto("organizations")
      .values({ code: "OAS-DPS", kind: "oas_body", name_es: "DSP", name_en: "DPS" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const user = (name: string) => ({
      email: `${name}@example.org`,
      name,
      organization_id: organization.id,
      role: "secretariat" as const,
      password_hash: `argon2id-SECRET-${name}`,
      totp_secret: `TOTP-SECRET-${name}`,
    });
    await db
      .insertInto("users")
      .values([user("ana"), user("luis"), user("rosa")])
      .execute();
    await sql`update users set password_hash = password_hash || '-NEW', totp_secret = null,
      name = case when name = 'luis' then 'Luis' else name end`.execute(db);

    const rows = await appended("users");
    expect(rows.map((r) => r.action)).toEqual([
      ...Array(3).fill("insert"),
      ...Array(3).fill("update"),
    ]);
    // A row whose only change is a secret is still logged, as the row trigger logged it.
    expect(
      rows
        .slice(3)
        .map((r) => [(r.before as { name: string }).name, (r.after as { name: string }).name]),
    ).toEqual([
      ["ana", "ana"],
      ["luis", "Luis"],
      ["rosa", "rosa"],
    ]);
    for (const row of rows) {
      for (const image of [row.before, row.after]) {
        if (image) expect(Object.keys(image)).not.toContain("password_hash");
        if (image) expect(Object.keys(image)).not.toContain("totp_secret");
      }
    }
    const leaks = await sql<{ n: number }>`
      select count(*)::int as n from audit_log a where audit_canonical(a) like '%SECRET%'`.execute(
      db,
    );
    expect(leaks.rows[0]?.n).toBe(0);
    await expectIntactChain();
  });

  it("pairs the rows of an UPDATE that changes their primary key, each with its own former self", async () => {
    await db
      .insertInto("exchange_rates")
      .values([
        { currency: "EUR", rate_date: "2011-01-01", usd_per_unit: "1.3362", source: "ECB" },
        { currency: "EUR", rate_date: "2011-06-22", usd_per_unit: "1.4385", source: "ECB" },
        { currency: "JPY", rate_date: "2011-01-01", usd_per_unit: "0.0122", source: "BoJ" },
      ])
      .execute();
    await sql`update exchange_rates set rate_date = rate_date + 1 where currency = 'EUR'`.execute(
      db,
    );

    const updates = (await appended("exchange_rates")).filter((r) => r.action === "update");
    const image = (value: unknown) => {
      const { rate_date, usd_per_unit } = value as { rate_date: string; usd_per_unit: string };
      return `${rate_date} ${usd_per_unit}`;
    };
    expect(updates.map((r) => [r.entity_id, image(r.before), image(r.after)]).sort()).toEqual([
      ["EUR:2011-01-02", "2011-01-01 1.3362", "2011-01-02 1.3362"],
      ["EUR:2011-06-23", "2011-06-22 1.4385", "2011-06-23 1.4385"],
    ]);
    await expectIntactChain();
  });

  it("logs the rows an upsert updated, then those it inserted", async () => {
    await sql`insert into exchange_rates (currency, rate_date, usd_per_unit, source)
      values ('GBP', '2012-01-01', 1.55, 'BoE'), ('GBP', '2012-01-02', 1.56, 'BoE')`.execute(db);
    await sql`insert into exchange_rates (currency, rate_date, usd_per_unit, source)
      values ('GBP', '2011-12-31', 1.54, 'BoE'), ('GBP', '2012-01-02', 1.57, 'BoE'),
        ('GBP', '2012-01-03', 1.58, 'BoE')
      on conflict (currency, rate_date) do update set usd_per_unit = excluded.usd_per_unit`.execute(
      db,
    );
    const rows = (await appended("exchange_rates")).slice(2);
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([
      ["update", "GBP:2012-01-02"],
      ["insert", "GBP:2011-12-31"],
      ["insert", "GBP:2012-01-03"],
    ]);
    await expectIntactChain();
  });

  it.skipIf(testBackend !== "postgres")(
    "keeps one chain while statements from two connections write at the same time",
    async () => {
      const writer = (name: string) =>
        db.connection().execute(async (connection) => {
          for (let round = 0; round < 6; round++) {
            // Alternately autocommit and in a transaction that holds the chain a while.
            const statement = sql`insert into indicators (code, name_es, name_en, unit)
              select ${name} || '-' || ${round} || '-' || g, 'x', 'x', 'count'
              from generate_series(1, 5) g`;
            if (round % 2) await statement.execute(connection);
            else
              await connection.transaction().execute(async (trx) => {
                await statement.execute(trx);
                await sql`select pg_sleep(0.01)`.execute(trx);
                await sql`update indicators set unit = 'percent' where code like ${`${name}-${round}-%`}`.execute(
                  trx,
                );
              });
          }
        });
      await Promise.all([writer("C1"), writer("C2")]);

      const rows = await appended("indicators");
      // 2 writers × 6 statements × 5 rows, and an update of 5 rows in 3 of the rounds each.
      expect(rows).toHaveLength(2 * 6 * 5 + 2 * 3 * 5);
      // A fork — two rows naming the same predecessor — is what the lock prevents.
      expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
      await expectIntactChain();
    },
  );
});

function indicator(code: string) {
  return { code, name_es: code, name_en: code, unit: "count" };
}
