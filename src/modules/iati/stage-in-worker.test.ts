import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import type { Database } from "../../platform/db/schema.ts";
import { systemPrincipal } from "../accounts/index.ts";
import { generateWorkload, haveBench, importFootprint } from "./iati.fixtures.ts";
import { iatiFile, setUpIatiWorld } from "./iati-xml.fixtures.ts";
import { importIatiFile } from "./import-iati-file.ts";

const principal = systemPrincipal("test");
const dir = mkdtempSync(join(tmpdir(), "esca-iati-worker-"));

/** Everything an import wrote, without the ids it drew. */
async function written(db: Kysely<Database>) {
  const { rows } = await sql<Record<string, string>>`
    select
      (select string_agg(publisher_ref || ':' || activity_count || ':' || transaction_count || ':' || budget_count || ':' || skipped_count, ',') from iati_publications) as publications,
      (select md5(string_agg(concat_ws('|', iati_identifier, line, title_es, title_en, titles, descriptions, activity_status, default_currency, start_date, end_date, dates, participating_orgs, sectors, countries, regions, related_activities, other_identifiers, initiative_id is not null, link_source, last_updated), ',' order by iati_identifier)) from iati_activities) as activities,
      (select md5(string_agg(concat_ws('|', a.iati_identifier, t.line, t.ref, t.type_code, t.transaction_date, t.value_date, t.value_text, t.amount_minor, t.currency, t.usd_minor, t.fx_rate, t.fx_date, t.provider_ref, t.receiver_ref, t.descriptions), ',' order by a.iati_identifier, t.line)) from iati_transactions t join iati_activities a on a.id = t.activity_id) as transactions,
      (select md5(string_agg(concat_ws('|', a.iati_identifier, b.line, b.budget_type, b.status, b.period_start, b.period_end, b.amount_minor, b.currency, b.value_date, b.usd_minor), ',' order by a.iati_identifier, b.line)) from iati_budgets b join iati_activities a on a.id = b.activity_id) as budgets,
      (select count(*) || ':' || coalesce(sum(usd_minor), 0) from support_flows) as flows
  `.execute(db);
  return rows[0] ?? {};
}

describe("parsing in a worker thread while the database writes", () => {
  const handles: DatabaseHandle[] = [];
  const fresh = async () => {
    const handle = await createTestDatabase();
    handles.push(handle);
    const world = await setUpIatiWorld(handle.db);
    await handle.db
      .insertInto("iati_activity_links")
      .values({
        iati_identifier: "XM-DAC-46012-CASEC-0000002",
        initiative_id: world.initiativeId,
        created_by: "test",
      })
      .execute();
    return handle.db;
  };
  let file: string;
  beforeAll(() => {
    file = join(dir, "workload.xml");
    if (haveBench) generateWorkload(1, file);
    else
      writeFileSync(
        file,
        iatiFile("XM-DAC-46012", [
          {
            id: "XM-DAC-46012-CASEC-0000002",
            transactions: [{ type: 2, date: "2012-02-01", amount: "1000.50", currency: "EUR" }],
          },
        ]),
      );
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
  });

  it("writes exactly what parsing in the importing thread writes", async () => {
    const run = async (parseInWorker: boolean) => {
      const db = await fresh();
      let progress = 0;
      const summary = await importIatiFile({
        db,
        path: file,
        principal,
        reportingOrgRef: "XI-IATI-ESCA",
        parseInWorker,
        onProgress: (bytesRead) => {
          progress = bytesRead;
        },
      });
      return { summary, written: await written(db), progress };
    };
    const inThread = await run(false);
    const inWorker = await run(true);
    expect(inWorker.summary).toEqual(inThread.summary);
    expect(inWorker.written).toEqual(inThread.written);
    expect(inWorker.summary.activities).toBeGreaterThan(0);
    expect(inWorker.summary.flowsRecorded).toBeGreaterThan(0);
    expect(inWorker.progress).toBe(readFileSync(file).length);
  });

  it("refuses a broken file with the same message, and writes nothing", async () => {
    const xml = readFileSync(file, "utf8");
    const broken = join(dir, "broken.xml");
    writeFileSync(broken, xml.slice(0, Math.floor(xml.length * 0.9)));
    const attempt = (db: Kysely<Database>, parseInWorker: boolean) =>
      importIatiFile({
        db,
        path: broken,
        principal,
        reportingOrgRef: "XI-IATI-ESCA",
        parseInWorker,
      });
    const db = await fresh();
    const before = await importFootprint(db);
    const inThread = await attempt(db, false).catch((error: Error) => error);
    const inWorker = await attempt(db, true).catch((error: Error) => error);
    expect(inThread).toBeInstanceOf(Error);
    expect(inWorker).toMatchObject({
      code: "validation_failed",
      message: (inThread as Error).message,
    });
    expect((inWorker as Error).message).toMatch(/it is truncated/);
    expect(await importFootprint(db)).toEqual(before);
  });
});
