import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "./connect.ts";
import { auditHeadVersion, dataVersionOf } from "./data-version.ts";
import { inTransaction } from "./transaction.ts";

/** The data's version moves with every committed write, and only then. */
describe("the data's version", () => {
  let handle: DatabaseHandle;
  let n = 0;
  const write = (db = handle.db) =>
    db
      .insertInto("organizations")
      .values({
        code: `VERSION-${++n}`,
        kind: "international_org",
        name_es: `Socio ${n}`,
        name_en: `Partner ${n}`,
        acronym: null,
        country_iso2: null,
        iati_org_id: null,
        website: null,
      })
      .execute();

  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle.close();
  });

  for (const kind of ["registered", "audit head"] as const) {
    const versionOf = () =>
      kind === "registered" ? dataVersionOf(handle.db) : auditHeadVersion(handle.db);

    it(`${kind}: moves after a committed write, in a transaction or not`, async () => {
      const version = versionOf();
      const before = await version.read();
      await inTransaction(handle.db, (trx) => write(trx));
      const afterTransaction = await version.read();
      expect(afterTransaction).not.toBe(before);
      await write();
      const afterStatement = await version.read();
      expect(afterStatement).not.toBe(afterTransaction);
      await sql`with gone as (delete from organizations where code = ${`VERSION-${n}`} returning id)
        select count(*) as n from gone`.execute(handle.db);
      expect(await version.read()).not.toBe(afterStatement);
    });

    it(`${kind}: stays put after reads and after a write rolled back`, async () => {
      const version = versionOf();
      const before = await version.read();
      await handle.db.selectFrom("strategy_components").selectAll().execute();
      await sql`with counted as (select count(*) as n from organizations) select n from counted`.execute(
        handle.db,
      );
      await handle.db.transaction().execute(async (trx) => {
        await sql`select count(*) as n from organizations`.execute(trx);
      });
      await expect(
        inTransaction(handle.db, async (trx) => {
          await write(trx);
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      expect(await version.read()).toBe(before);
    });

    it(`${kind}: a request arriving after a commit never gets a read begun before it`, async () => {
      const version = versionOf();
      const before = await version.read();
      // Begun before the commit: it may see the write or not, whichever its query meets.
      const first = version.read();
      await write();
      const later = version.read();
      expect(await later).not.toBe(before);
      expect(await later).toBe(await version.read());
      await first;
    });
  }
});
