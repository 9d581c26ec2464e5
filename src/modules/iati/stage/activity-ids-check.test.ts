import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test/support/database.ts";
import type { DatabaseHandle } from "../../../platform/db/connect.ts";
import { systemPrincipal } from "../../accounts/index.ts";
import { iatiFile, setUpIatiWorld } from "../iati-xml.fixtures.ts";
import { importIatiFile } from "./import-iati-file.ts";

/**
 * The statement-level check that stands in for the foreign key from transactions and budgets
 * to their activity (migrations 20261129140000, 20261129160000, 20261129230000).
 */
describe("a transaction's or budget's activity must exist", () => {
  let handle: DatabaseHandle;
  let earlier: string;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await setUpIatiWorld(handle.db);
    const file = join(mkdtempSync(join(tmpdir(), "esca-iati-fk-")), "a.xml");
    writeFileSync(
      file,
      iatiFile("XM-DAC-46012", [
        {
          id: "XM-DAC-46012-FK-1",
          transactions: [{ type: 2, date: "2012-02-01", amount: "10" }],
        },
      ]),
    );
    await importIatiFile({
      db: handle.db,
      path: file,
      principal: systemPrincipal("test"),
      reportingOrgRef: "XI-IATI-ESCA",
    });
    const row = await handle.db
      .selectFrom("iati_activities")
      .select("id")
      .executeTakeFirstOrThrow();
    earlier = row.id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  const insert = (activityIds: string[], seq: number) =>
    sql`insert into iati_transactions (activity_id, seq, line, type_code, transaction_date,
          value_date, value_text, amount_minor, currency, descriptions)
        select id::uuid, ${seq} + n, 1, 2, '2012-02-01', '2012-02-01', '1', 100, 'USD', '[]'
        from unnest(${sql.val(activityIds)}::text[]) with ordinality as x (id, n)`.execute(
      handle.db,
    );
  const unknown = "0190aaaa-0000-7000-8000-00000000dead";

  it("accepts rows of an activity written by an earlier transaction", async () => {
    await insert([earlier, earlier], 100);
    const { count } = await handle.db
      .selectFrom("iati_transactions")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("activity_id", "=", earlier)
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(3);
  });

  it("refuses a statement naming a missing activity, even beside existing ones", async () => {
    for (const ids of [[unknown], [earlier, unknown, earlier]])
      await expect(insert(ids, 200)).rejects.toMatchObject({
        code: "23503",
        message: expect.stringMatching(/iati_transactions_activity_id_fkey/),
        detail: `Key (activity_id)=(${unknown}) is not present in table "iati_activities".`,
      });
  });

  it("accepts rows of an activity written in the same transaction", async () => {
    await handle.db
      .transaction()
      .execute(async (trx) => {
        const publication = await trx
          .selectFrom("iati_activities")
          .select("publication_id")
          .executeTakeFirstOrThrow();
        await sql`insert into iati_activities (id, publication_id, iati_identifier, line, titles,
          descriptions, dates, participating_orgs, sectors, countries, regions,
          related_activities, other_identifiers)
        values (${unknown}, ${publication.publication_id}, 'XM-DAC-46012-FK-2', 1, '[]', '[]',
          '[]', '[]', '[]', '[]', '[]', '[]', '[]')`.execute(trx);
        await sql`insert into iati_transactions (activity_id, seq, line, type_code,
          transaction_date, value_date, value_text, amount_minor, currency, descriptions)
        values (${unknown}, 0, 1, 2, '2012-02-01', '2012-02-01', '1', 100, 'USD', '[]')`.execute(
          trx,
        );
        throw new Error("roll back");
      })
      .catch((error: Error) => expect(error.message).toBe("roll back"));
  });
});
