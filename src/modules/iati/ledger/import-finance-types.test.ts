import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test/support/database.ts";
import type { DatabaseHandle } from "../../../platform/db/connect.ts";
import { systemPrincipal } from "../../accounts/index.ts";
import { recordFlow } from "../../funding/index.ts";
import { exportIatiActivities } from "../export/export-activities.ts";
import { haveSamples, samplesDir, schemasDir } from "../iati.fixtures.ts";
import { loadIatiSettings } from "../iati-settings.ts";
import { iatiFile, setUpIatiWorld } from "../iati-xml.fixtures.ts";
import { importIatiFile } from "../stage/import-iati-file.ts";

const principal = systemPrincipal("test");
const dir = mkdtempSync(join(tmpdir(), "esca-iati-finance-"));
const write = (name: string, xml: string) => {
  const path = join(dir, name);
  writeFileSync(path, xml);
  return path;
};
/** The 1-based line of the first line of `xml` that contains `text`. */
const lineWith = (xml: string, text: string) =>
  xml.split("\n").findIndex((line) => line.includes(text)) + 1;

async function importAs(db: DatabaseHandle["db"], path: string, reportingOrgRef = "XI-IATI-ESCA") {
  return importIatiFile({ db, path, principal, reportingOrgRef });
}

/** The standing (not reversed, not reversing) entries of one partner, in a stable order. */
async function standingFlows(db: DatabaseHandle["db"], iatiOrgId: string) {
  return db
    .selectFrom("support_flows as f")
    .innerJoin("organizations as o", "o.id", "f.partner_id")
    .leftJoin("support_flows as r", "r.reverses_id", "f.id")
    .select(["f.flow_type", "f.amount_minor", "f.currency", "f.finance_type"])
    .where("o.iati_org_id", "=", iatiOrgId)
    .where("f.reverses_id", "is", null)
    .where("r.id", "is", null)
    .orderBy("f.flow_type")
    .orderBy("f.amount_minor")
    .execute();
}

describe("the finance type of imported transactions", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await setUpIatiWorld(handle.db);
  });
  afterAll(async () => handle.close());

  const activity = (loanCode: string) => ({
    id: "XM-DAC-97-1",
    related: "GT1",
    defaultFinanceType: "421",
    transactions: [
      { type: 12, date: "2011-06-22", amount: "1000000" },
      { type: 2, date: "2012-02-01", amount: "800000", financeType: "110" },
      { type: 3, date: "2012-05-01", amount: "200000", financeType: loanCode },
    ],
  });

  it("takes each transaction's own code, else its activity's default, into the ledger", async () => {
    const xml = iatiFile("XM-DAC-97", [
      activity("421"),
      {
        id: "XM-DAC-97-2",
        related: "GT1",
        transactions: [{ type: 2, date: "2012-03-01", amount: "5000" }],
      },
    ]);
    const summary = await importAs(handle.db, write("v1.xml", xml));
    expect(summary).toMatchObject({ status: "imported", flowsRecorded: 4, problemCount: 0 });
    const stored = await handle.db
      .selectFrom("iati_transactions")
      .select(["line", "type_code", "finance_type"])
      .orderBy("line")
      .execute();
    expect(stored.map((t) => [t.type_code, t.finance_type])).toEqual([
      [12, "421"],
      [2, "110"],
      [3, "421"],
      [2, null],
    ]);
    expect(await standingFlows(handle.db, "XM-DAC-97")).toEqual([
      { flow_type: "commitment", amount_minor: 5000_00n, currency: "USD", finance_type: null },
      { flow_type: "commitment", amount_minor: 800000_00n, currency: "USD", finance_type: "110" },
      { flow_type: "disbursement", amount_minor: 200000_00n, currency: "USD", finance_type: "421" },
      { flow_type: "pledge", amount_minor: 1000000_00n, currency: "USD", finance_type: "421" },
    ]);
  });

  it("keeps a code the ledger does not take as no finance type, warning on its element and line", async () => {
    const xml = iatiFile(
      "XM-DAC-97",
      [
        activity("999"),
        {
          id: "XM-DAC-97-2",
          related: "GT1",
          defaultFinanceType: "1",
          transactions: [{ type: 2, date: "2012-03-01", amount: "5000" }],
        },
      ],
      "2026-02-01T00:00:00Z",
    );
    const summary = await importAs(handle.db, write("v2.xml", xml));
    expect(summary).toMatchObject({ status: "imported", skipped: 0, transactions: 4 });
    const problems = summary.problems.flatMap((a) => a.problems);
    expect(problems).toEqual([
      {
        line: lineWith(xml, '<finance-type code="999"/>'),
        kind: "rule",
        code: "finance_type_unknown",
        values: { element: "finance-type", code: "999" },
        message:
          '<finance-type>: "999" is not an IATI FinanceType code the ledger takes; kept without a finance type',
      },
      {
        line: lineWith(xml, '<default-finance-type code="1"/>'),
        kind: "rule",
        code: "finance_type_unknown",
        values: { element: "default-finance-type", code: "1" },
        message:
          '<default-finance-type>: "1" is not an IATI FinanceType code the ledger takes; kept without a finance type',
      },
    ]);
    // The disbursement's own unknown code is not replaced by the default: it says nothing.
    expect(await standingFlows(handle.db, "XM-DAC-97")).toEqual([
      { flow_type: "commitment", amount_minor: 5000_00n, currency: "USD", finance_type: null },
      { flow_type: "commitment", amount_minor: 800000_00n, currency: "USD", finance_type: "110" },
      { flow_type: "disbursement", amount_minor: 200000_00n, currency: "USD", finance_type: null },
      { flow_type: "pledge", amount_minor: 1000000_00n, currency: "USD", finance_type: "421" },
    ]);
    // Only the entry whose finance type changed was reversed and recorded again.
    expect(summary).toMatchObject({ flowsReversed: 1, flowsRecorded: 1 });
  });
});

describe("an exported IATI file imported again", () => {
  let source: DatabaseHandle;
  let target: DatabaseHandle;
  beforeAll(async () => {
    [source, target] = [await createTestDatabase(), await createTestDatabase()];
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it("keeps every entry's finance type", async () => {
    const world = await setUpIatiWorld(source.db);
    await source.db
      .updateTable("initiatives")
      .set({ start_date: "2012-01-01", end_date: "2013-12-31" })
      .execute();
    const partner = await source.db
      .insertInto("organizations")
      .values({
        code: "IDB",
        kind: "international_org",
        name_es: "Banco Interamericano de Desarrollo",
        name_en: "Inter-American Development Bank",
        iati_org_id: "XI-IATI-IADB",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const entries = [
      { flow_type: "pledge", amount: "400000", finance_type: "421", date: "2011-06-22" },
      { flow_type: "commitment", amount: "300000", finance_type: "421", date: "2012-02-01" },
      { flow_type: "commitment", amount: "50000", finance_type: "110", date: "2012-03-01" },
      { flow_type: "disbursement", amount: "20000", finance_type: "110", date: "2012-06-01" },
      { flow_type: "disbursement", amount: "10000", finance_type: null, date: "2012-07-01" },
    ] as const;
    for (const e of entries)
      await recordFlow({
        db: source.db,
        principal,
        input: {
          flow_type: e.flow_type,
          support_kind: "financial",
          partner_id: partner.id,
          initiative_id: world.initiativeId,
          value: { amount: e.amount, currency: "USD" },
          value_date: e.date,
          finance_type: e.finance_type,
        },
      });
    const settings = { ...loadIatiSettings({}), schemaDir: schemasDir };
    const xml = await exportIatiActivities({ db: source.db, settings });
    expect(xml.match(/<finance-type code="421"\/>/g)).toHaveLength(2);

    const targetWorld = await setUpIatiWorld(target.db);
    await target.db
      .insertInto("iati_activity_links")
      .values({
        iati_identifier: `${settings.reportingOrg.ref}-GT1`,
        initiative_id: targetWorld.initiativeId,
        created_by: "test",
      })
      .execute();
    const summary = await importAs(target.db, write("export.xml", xml));
    expect(summary).toMatchObject({ status: "imported", linked: 1, flowsRecorded: 5 });
    const expected = entries.map((e) => ({
      flow_type: e.flow_type,
      amount_minor: BigInt(e.amount) * 100n,
      currency: "USD",
      finance_type: e.finance_type,
    }));
    const byTypeAndAmount = (a: (typeof expected)[number], b: (typeof expected)[number]) =>
      a.flow_type.localeCompare(b.flow_type) || Number(a.amount_minor - b.amount_minor);
    expect(await standingFlows(target.db, settings.reportingOrg.ref)).toEqual(
      expected.sort(byTypeAndAmount),
    );
  });
});

const sample = "04_iaticloud_example_203_file.xml";
const sampleTitle = haveSamples
  ? "a published sample with finance types"
  : "a published sample with finance types — skipped: ../shared/data/iati/samples is absent";

describe.skipIf(!haveSamples)(sampleTitle, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("stores each transaction's finance type as the file states it and carries it to the ledger", async () => {
    const path = join(samplesDir, sample);
    const xml = readFileSync(path, "utf8");
    // What the file says, read with regular expressions rather than the importer's parser.
    const expected: Array<string | null> = [];
    for (const [, body = ""] of xml.matchAll(
      /<iati-activity\b[^>]*>([\s\S]*?)<\/iati-activity>/g,
    )) {
      const fallback = /<default-finance-type code="([^"]+)"/.exec(body)?.[1] ?? null;
      for (const [transaction] of body.matchAll(/<transaction\b[\s\S]*?<\/transaction>/g))
        expected.push(/<finance-type code="([^"]+)"/.exec(transaction)?.[1] ?? fallback);
    }
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.every((code) => code !== null)).toBe(true);

    const world = await setUpIatiWorld(handle.db);
    // The sample's values are dated 2014–2016: rates for them, so that its flows reach the ledger.
    await handle.db
      .insertInto("exchange_rates")
      .values(
        ["2014-01-01", "2015-01-01", "2016-01-01"].map((rate_date) => ({
          currency: "EUR",
          rate_date,
          usd_per_unit: "1.25",
          source: "test",
        })),
      )
      .execute();
    const [firstId] = /<iati-identifier>([^<]+)<\/iati-identifier>/.exec(xml)?.slice(1) ?? [];
    await handle.db
      .insertInto("iati_activity_links")
      .values({
        iati_identifier: firstId ?? "",
        initiative_id: world.initiativeId,
        created_by: "t",
      })
      .execute();
    const summary = await importAs(handle.db, path);
    expect(summary.status).toBe("imported");
    expect(summary.problems.flatMap((a) => a.problems).map((p) => p.code)).not.toContain(
      "finance_type_unknown",
    );
    const stored = await handle.db
      .selectFrom("iati_transactions as t")
      .innerJoin("iati_activities as a", "a.id", "t.activity_id")
      .select("t.finance_type")
      .orderBy("a.line")
      .orderBy("t.seq")
      .execute();
    expect(stored.map((t) => t.finance_type)).toEqual(expected);

    const recorded = await handle.db
      .selectFrom("support_flows")
      .select("finance_type")
      .where("initiative_id", "=", world.initiativeId)
      .execute();
    expect(summary.flowsRecorded).toBeGreaterThan(0);
    expect(recorded).toHaveLength(summary.flowsRecorded);
    const firstActivity = /<iati-activity\b[\s\S]*?<\/iati-activity>/.exec(xml)?.[0] ?? "";
    const code = /<default-finance-type code="([^"]+)"/.exec(firstActivity)?.[1];
    expect(new Set(recorded.map((f) => f.finance_type))).toEqual(new Set([code]));
  });
});
