import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test/support/database.ts";
import type { DatabaseHandle } from "../../../platform/db/connect.ts";
import type { Database } from "../../../platform/db/schema.ts";
import { systemPrincipal } from "../../accounts/index.ts";
import { generateWorkload, haveBench, importFootprint, schemasDir } from "../iati.fixtures.ts";
import { iatiFile, setUpIatiWorld } from "../iati-xml.fixtures.ts";
import { validateIatiFile } from "../validate/validate-iati-file.ts";
import { importIatiFile } from "./import-iati-file.ts";
import { type FileStaging, stageInThread } from "./stage-file.ts";
import { keptStagingThreadId, stageInWorker, warmStagingThread } from "./stage-in-worker.ts";
import { warmUpDocument } from "./warm-up-document.ts";

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

describe("the staging thread kept between files", () => {
  const setup = (publicationId: string) => ({
    rates: [],
    matcher: { reportingOrgRef: "XI-IATI-ESCA", initiatives: [], links: [] },
    today: "2026-11-29",
    publicationId,
  });
  /** Every event, with the rows' bytes as text and the activity ids (drawn anew) masked. */
  const staged = async (staging: FileStaging) => {
    const events: unknown[] = [];
    for await (const event of staging.events(setup("0190aaaa-0000-7000-8000-000000000000")))
      events.push(
        event.kind === "rows"
          ? Object.values(event.batch).map((bytes) =>
              new TextDecoder()
                .decode(bytes)
                .replace(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/gm, "ID"),
            )
          : event,
      );
    return events;
  };
  const file = join(dir, "kept.xml");
  beforeAll(() => {
    const document = warmUpDocument();
    writeFileSync(file, document.xml);
  });

  it("stages the next file on the thread that staged the last one to its end, identically", async () => {
    await warmStagingThread();
    const warm = keptStagingThreadId();
    expect(warm).not.toBeNull();
    const onKept = await staged(stageInWorker({ path: file }));
    expect(keptStagingThreadId()).toBe(warm);
    const inThread = await staged(stageInThread({ path: file }));
    expect(onKept).toEqual(inThread);
    expect(onKept.at(-1)).toMatchObject({ kind: "end", totals: { activities: 600 } });
  });

  it("gets back each batch's buffers once it is written, and fills them again identically", async () => {
    const many = join(dir, "many-batches.xml");
    writeFileSync(
      many,
      iatiFile(
        "XM-DAC-46012",
        Array.from({ length: 3_000 }, (_, i) => ({
          id: `XM-DAC-46012-R-${i}`,
          transactions: Array.from({ length: 9 }, (_, t) => ({
            type: 3,
            date: "2012-02-01",
            amount: `${i}.${t}`,
          })),
        })),
      ),
    );
    const batches: Array<Array<Uint8Array>> = [];
    const texts: string[] = [];
    const events = stageInWorker({ path: many }).events(
      setup("0190aaaa-0000-7000-8000-000000000003"),
    );
    for await (const event of events)
      if (event.kind === "rows") {
        batches.push(Object.values(event.batch));
        texts.push(
          Object.values(event.batch)
            .map((b) => new TextDecoder().decode(b))
            .join(""),
        );
      }
    expect(batches.length).toBeGreaterThan(3);
    // Asking for the next event gave the written batch's memory back to the staging thread.
    for (const batch of batches.slice(0, -1))
      expect(batch.map((bytes) => bytes.byteLength)).toEqual([0, 0, 0]);
    const inThread: string[] = [];
    for await (const event of stageInThread({ path: many }).events(
      setup("0190aaaa-0000-7000-8000-000000000003"),
    ))
      if (event.kind === "rows")
        inThread.push(
          Object.values(event.batch)
            .map((b) => new TextDecoder().decode(b))
            .join(""),
        );
    const ids = (text: string) =>
      text.replace(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/gm, "ID");
    expect(texts.map(ids)).toEqual(inThread.map(ids));
  });

  it("stops a thread whose file was refused or abandoned, and the next file starts another", async () => {
    await staged(stageInWorker({ path: file }));
    const first = keptStagingThreadId();
    const broken = join(dir, "kept-broken.xml");
    writeFileSync(broken, readFileSync(file, "utf8").slice(0, 900_000));
    await expect(staged(stageInWorker({ path: broken }))).rejects.toThrow(/truncated/);
    expect(keptStagingThreadId()).toBeNull();
    // Abandoned after its first batch: the thread is mid-file and cannot be kept.
    const abandoned = stageInWorker({ path: file });
    const events = abandoned.events(setup("0190aaaa-0000-7000-8000-000000000001"));
    for (let next = await events.next(); !next.done; next = await events.next())
      if (next.value.kind === "rows") break;
    await events.return(undefined);
    await abandoned.cancel();
    expect(keptStagingThreadId()).toBeNull();
    await staged(stageInWorker({ path: file }));
    expect(keptStagingThreadId()).not.toBeNull();
    expect(keptStagingThreadId()).not.toBe(first);
  });

  it("warms up with a file that is valid IATI 2.03", async () => {
    const report = await validateIatiFile({ path: file, schemaDir: schemasDir });
    expect(report.activityCount).toBe(600);
    expect(report.fileProblems).toEqual([]);
    const schemaProblems = report.activities.flatMap((a) =>
      a.problems.filter((p) => p.kind === "schema"),
    );
    expect(schemaProblems).toEqual([]);
  });
});
