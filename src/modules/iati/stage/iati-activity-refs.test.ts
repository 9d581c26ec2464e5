import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, testBackend } from "../../../../test/support/database.ts";
import type { DatabaseHandle } from "../../../platform/db/connect.ts";
import type { Database } from "../../../platform/db/schema.ts";
import { countRows } from "../iati.fixtures.ts";

/**
 * Transactions and budgets refer to their activity through statement-level triggers
 * (20261129140000_iati_import_speed.sql) instead of foreign keys: the same guarantees.
 */
describe("the activity a transaction or budget belongs to", () => {
  let handle: DatabaseHandle;
  let db: Kysely<Database>;
  let publication: string;
  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
  });
  afterAll(async () => handle.close());

  const count = (table: "iati_activities" | "iati_transactions" | "iati_budgets") =>
    countRows(db, table);
  const addActivity = async (identifier: string) => {
    const { rows } = await sql<{ id: string }>`
      insert into iati_activities (publication_id, iati_identifier, line, titles, descriptions,
        dates, participating_orgs, sectors, countries, regions, related_activities, other_identifiers)
      values (${publication}, ${identifier}, 1, '[]', '[]', '[]', '[]', '[]', '[]', '[]', '[]', '[]')
      returning id`.execute(db);
    return rows[0]?.id ?? "";
  };
  const addRows = (activityIds: string[], on: Kysely<Database> = db) =>
    sql`
    with t as (
      insert into iati_transactions (activity_id, seq, line, type_code, transaction_date, value_date,
        value_text, amount_minor, currency, descriptions)
      select id, n::int, 2, 3, '2012-01-01', '2012-01-01', '1', 100, 'USD', '[]'
      from unnest(${activityIds}::uuid[]) with ordinality u (id, n)
    )
    insert into iati_budgets (activity_id, seq, line, period_start, period_end, amount_minor, currency, value_date)
    select id, n::int, 3, '2012-01-01', '2012-12-31', 100, 'USD', '2012-01-01'
    from unnest(${activityIds}::uuid[]) with ordinality u (id, n)
  `.execute(on);

  beforeEach(async () => {
    await sql`delete from iati_publications`.execute(db);
    const partner = await db
      .insertInto("organizations")
      .values({
        code: `P${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
        kind: "international_org",
        name_es: "Socio",
        name_en: "Partner",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const row = await db
      .insertInto("iati_publications")
      .values({
        publisher_ref: "XM-TEST",
        partner_id: partner.id,
        file_name: "f.xml",
        file_sha256: "0".repeat(64),
        iati_version: "2.03",
        imported_by: "test",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    publication = row.id;
  });

  it("must exist, for every row a statement writes", async () => {
    const real = await addActivity("XM-TEST-1");
    await expect(addRows([real, "00000000-0000-4000-8000-000000000000"])).rejects.toThrow(
      /violates foreign key constraint/,
    );
    await expect(
      sql`update iati_transactions set activity_id = ${"00000000-0000-4000-8000-000000000000"}`.execute(
        db,
      ),
    ).resolves.toBeDefined();
    expect(await count("iati_transactions")).toBe(0);
    await addRows([real]);
    await expect(
      sql`update iati_budgets set activity_id = ${"00000000-0000-4000-8000-000000000000"}`.execute(
        db,
      ),
    ).rejects.toThrow(/violates foreign key constraint/);
    expect(await count("iati_transactions")).toBe(1);
  });

  it("takes its transactions and budgets with it, alone or with its publication", async () => {
    const [a, b] = [await addActivity("XM-TEST-1"), await addActivity("XM-TEST-2")];
    await addRows([a, b, b]);
    await db.deleteFrom("iati_activities").where("id", "=", a).execute();
    expect([await count("iati_transactions"), await count("iati_budgets")]).toEqual([2, 2]);
    await db.deleteFrom("iati_publications").where("id", "=", publication).execute();
    expect([
      await count("iati_activities"),
      await count("iati_transactions"),
      await count("iati_budgets"),
    ]).toEqual([0, 0, 0]);
  });

  it("keeps its id, and is not truncated from under its rows", async () => {
    const a = await addActivity("XM-TEST-1");
    await addRows([a]);
    await expect(
      sql`update iati_activities set id = gen_random_uuid() where id = ${a}`.execute(db),
    ).rejects.toThrow(/does not change/);
    await expect(sql`truncate iati_activities cascade`.execute(db)).rejects.toThrow(
      /cannot truncate iati_activities/,
    );
    expect(await count("iati_transactions")).toBe(1);
    await sql`truncate iati_activities, iati_transactions, iati_budgets`.execute(db);
    expect(await count("iati_activities")).toBe(0);
  });

  // Two connections at once: the embedded database has one.
  it.skipIf(testBackend !== "postgres")(
    "cannot be deleted by another transaction while rows naming it are not yet committed",
    async () => {
      const a = await addActivity("XM-TEST-1");
      let deleteRefused: unknown = null;
      await db.transaction().execute(async (trx) => {
        await addRows([a], trx);
        deleteRefused = await db
          .transaction()
          .execute(async (other) => {
            await sql`set local lock_timeout = '300ms'`.execute(other);
            await other.deleteFrom("iati_activities").where("id", "=", a).execute();
          })
          .then(
            () => null,
            (error: { code?: string }) => error.code,
          );
      });
      expect(deleteRefused).toBe("55P03");
      expect([await count("iati_transactions"), await count("iati_budgets")]).toEqual([1, 1]);
      await db.deleteFrom("iati_activities").where("id", "=", a).execute();
      expect([await count("iati_transactions"), await count("iati_budgets")]).toEqual([0, 0]);
    },
  );

  it("may be written in the same transaction as its rows, and is then checked all the same", async () => {
    await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: string }>`
        insert into iati_activities (publication_id, iati_identifier, line, titles, descriptions,
          dates, participating_orgs, sectors, countries, regions, related_activities, other_identifiers)
        values (${publication}, 'XM-TEST-9', 1, '[]', '[]', '[]', '[]', '[]', '[]', '[]', '[]', '[]')
        returning id`.execute(trx);
      await addRows([rows[0]?.id ?? ""], trx);
    });
    expect([await count("iati_transactions"), await count("iati_budgets")]).toEqual([1, 1]);
    await expect(
      db.transaction().execute(async (trx) => {
        await addRows(["00000000-0000-4000-8000-000000000001"], trx);
      }),
    ).rejects.toThrow(/violates foreign key constraint/);
    expect(await count("iati_transactions")).toBe(1);
  });
});
