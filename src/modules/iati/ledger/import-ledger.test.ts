import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test/support/database.ts";
import type { DatabaseHandle } from "../../../platform/db/connect.ts";
import { systemPrincipal } from "../../accounts/index.ts";
import { verifyAuditChain } from "../../audit/index.ts";
import { summarizeFunding } from "../../funding/index.ts";
import { importFootprint } from "../iati.fixtures.ts";
import { iatiFile, setUpIatiWorld, type TestActivity } from "../iati-xml.fixtures.ts";
import { importIatiFile } from "../stage/import-iati-file.ts";

const principal = systemPrincipal("test");
const dir = mkdtempSync(join(tmpdir(), "esca-iati-ledger-"));
const write = (name: string, xml: string) => {
  const path = join(dir, name);
  writeFileSync(path, xml);
  return path;
};
const linked = (commitment: string): TestActivity => ({
  id: "XM-DAC-99-1",
  related: "XI-IATI-ESCA-GT1",
  transactions: [
    { type: 12, date: "2011-06-22", amount: "1000000" },
    { type: 2, date: "2012-02-01", amount: commitment },
    { type: 3, date: "2012-05-01", amount: "200000", currency: "EUR" },
    { type: 11, date: "2012-01-01", amount: "5" },
  ],
});
const unlinked: TestActivity = {
  id: "XM-DAC-99-2",
  transactions: [{ type: 2, date: "2012-02-01", amount: "7" }],
};

describe("importing a publisher's file into the ledger", () => {
  let handle: DatabaseHandle;
  const run = (path: string, dryRun = false) =>
    importIatiFile({ db: handle.db, path, principal, reportingOrgRef: "XI-IATI-ESCA", dryRun });
  const totals = async () => (await summarizeFunding({ db: handle.db, by: [] })).total;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await setUpIatiWorld(handle.db);
  });
  afterAll(async () => handle.close());

  it("records linked pledges, commitments and disbursements, converting with the platform's rates", async () => {
    const summary = await run(write("v1.xml", iatiFile("XM-DAC-99", [linked("800000"), unlinked])));
    expect(summary).toMatchObject({
      status: "imported",
      activities: 2,
      linked: 1,
      flowsRecorded: 3,
      flowsReversed: 0,
      partnerCreated: true,
    });
    expect(await totals()).toMatchObject({
      announced: "1000000.00",
      committed: "800000.00",
      disbursed: "250000.00",
    });
    const partner = await handle.db
      .selectFrom("organizations")
      .selectAll()
      .where("iati_org_id", "=", "XM-DAC-99")
      .executeTakeFirstOrThrow();
    expect(partner).toMatchObject({
      kind: "partner_government",
      name_es: "Donante de prueba",
      name_en: "Test donor",
    });
  });

  it("changes nothing when the same file comes again", async () => {
    const before = await importFootprint(handle.db);
    const summary = await run(join(dir, "v1.xml"));
    expect(summary.status).toBe("unchanged");
    expect(await importFootprint(handle.db)).toEqual(before);
  });

  it("applies a newer file by reversing what changed and recording the new figures", async () => {
    const summary = await run(
      write("v2.xml", iatiFile("XM-DAC-99", [linked("900000")], "2026-02-01T00:00:00Z")),
    );
    expect(summary).toMatchObject({ activities: 1, flowsRecorded: 1, flowsReversed: 1 });
    expect(await totals()).toMatchObject({ committed: "900000.00", disbursed: "250000.00" });
    const activities = await handle.db
      .selectFrom("iati_activities")
      .select("iati_identifier")
      .execute();
    expect(activities.map((a) => a.iati_identifier)).toEqual(["XM-DAC-99-1"]);
  });

  it("refuses an older version of the publication", async () => {
    const path = write("old.xml", iatiFile("XM-DAC-99", [linked("1")], "2025-01-01T00:00:00Z"));
    await expect(run(path)).rejects.toThrow(
      /generated 2025-01-01T00:00:00Z, before the imported one/,
    );
  });

  it("leaves the previous state whole when a newer file breaks half-way", async () => {
    const before = await importFootprint(handle.db);
    const xml = iatiFile("XM-DAC-99", [linked("1"), unlinked], "2026-03-01T00:00:00Z");
    const path = write("broken.xml", xml.slice(0, xml.lastIndexOf("<transaction")));
    await expect(run(path)).rejects.toThrow(/it is truncated/);
    expect(await importFootprint(handle.db)).toEqual(before);
    expect(await totals()).toMatchObject({ committed: "900000.00" });
  });

  it("does everything in a dry run and writes nothing", async () => {
    const before = await importFootprint(handle.db);
    const summary = await run(
      write("v3.xml", iatiFile("XM-DAC-99", [linked("950000"), unlinked], "2026-04-01T00:00:00Z")),
      true,
    );
    expect(summary).toMatchObject({
      status: "dry_run",
      activities: 2,
      flowsRecorded: 1,
      flowsReversed: 1,
    });
    expect(await importFootprint(handle.db)).toEqual(before);
  });

  it("reports a value without a rate on its row and keeps it out of the ledger", async () => {
    const xml = iatiFile("XM-DAC-98", [
      {
        id: "XM-DAC-98-1",
        related: "GT1",
        transactions: [{ type: 2, date: "2012-02-01", amount: "10", currency: "JPY" }],
      },
    ]);
    const summary = await run(write("jpy.xml", xml));
    expect(summary).toMatchObject({ missingRates: 1, linked: 1, flowsRecorded: 0 });
    expect(summary.problems[0]?.problems).toContainEqual({
      line: 13,
      kind: "rate",
      code: "no_rate",
      values: { currency: "JPY", date: "2012-02-01" },
      message: expect.stringMatching(/no exchange rate for JPY/),
    });
  });

  it("links a file's references to published initiatives only, never to a draft", async () => {
    const gt1 = await handle.db
      .selectFrom("initiatives")
      .selectAll()
      .where("code", "=", "GT1")
      .executeTakeFirstOrThrow();
    const draft = await handle.db
      .insertInto("initiatives")
      .values({
        code: "HN9",
        title_es: "Borrador HN9",
        title_en: "Draft HN9",
        component_id: gt1.component_id,
        lead_country: "HN",
        budget_amount_minor: gt1.budget_amount_minor,
        budget_currency: gt1.budget_currency,
        budget_value_date: gt1.budget_value_date,
        budget_usd_minor: gt1.budget_usd_minor,
        budget_fx_rate: gt1.budget_fx_rate,
        budget_fx_date: gt1.budget_fx_date,
        status: "draft",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The same references by code and by published identifier: a draft answers like no code.
    const refs = (publisher: string, code: string): TestActivity[] => [
      {
        id: `${publisher}-1`,
        related: code,
        transactions: [{ type: 2, date: "2012-02-01", amount: "100" }],
      },
      {
        id: `${publisher}-2`,
        related: `XI-IATI-ESCA-${code}`,
        transactions: [{ type: 2, date: "2012-02-01", amount: "100" }],
      },
    ];
    const toDraft = await run(write("draft.xml", iatiFile("XM-DAC-97", refs("XM-DAC-97", "HN9"))));
    const toNothing = await run(write("none.xml", iatiFile("XM-DAC-96", refs("XM-DAC-96", "ZZ9"))));
    expect(toDraft).toMatchObject({ status: "imported", linked: 0, flowsRecorded: 0 });
    expect(toNothing).toMatchObject({ status: "imported", linked: 0, flowsRecorded: 0 });
    const onDraft = await handle.db
      .selectFrom("support_flows")
      .select("id")
      .where("initiative_id", "=", draft.id)
      .execute();
    expect(onDraft).toEqual([]);
  });
});

describe("importing a publisher's file with many linked transactions", () => {
  let handle: DatabaseHandle;
  const run = (name: string, xml: string) =>
    importIatiFile({
      db: handle.db,
      path: write(name, xml),
      principal,
      reportingOrgRef: "XI-IATI-ESCA",
    });
  const totals = async () => (await summarizeFunding({ db: handle.db, by: [] })).total;
  const count = async (table: "support_flows" | "iati_ledger_entries") =>
    Number(
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<bigint>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** 100 linked activities of 3 transactions each; `change` alters some of them. */
  const activities = (change: (i: number) => { commitment: number; disbursed: boolean }) =>
    Array.from({ length: 100 }, (_, i): TestActivity => {
      const { commitment, disbursed } = change(i);
      return {
        id: `XM-DAC-97-${i}`,
        related: "XI-IATI-ESCA-GT1",
        transactions: [
          { type: 12, date: "2011-06-22", amount: "2000" },
          { type: 2, date: "2012-02-01", amount: `${commitment}` },
          ...(disbursed ? [{ type: 3, date: "2012-05-01", amount: "500", currency: "EUR" }] : []),
        ],
      };
    });
  beforeAll(async () => {
    handle = await createTestDatabase();
    await setUpIatiWorld(handle.db);
  });
  afterAll(async () => handle.close());

  it("records 300 flows at once, converting each with its rate", async () => {
    const xml = iatiFile(
      "XM-DAC-97",
      activities((i) => ({ commitment: 1000 + i, disbursed: true })),
    );
    const summary = await run("many-v1.xml", xml);
    expect(summary).toMatchObject({ linked: 100, flowsRecorded: 300, flowsReversed: 0 });
    // Committed: Σ (1000 + i) for i < 100 = 104,950; disbursed: 100 × 500 EUR × 1.25.
    expect(await totals()).toMatchObject({
      announced: "200000.00",
      committed: "104950.00",
      disbursed: "62500.00",
    });
    expect(await count("support_flows")).toBe(300);
    expect(await count("iati_ledger_entries")).toBe(300);
  });

  it("reverses what a newer file changed or dropped, disbursements first, and records the rest", async () => {
    const xml = iatiFile(
      "XM-DAC-97",
      activities((i) => ({ commitment: 1000 + i + (i < 50 ? 1 : 0), disbursed: i >= 10 })),
      "2026-02-01T00:00:00Z",
    );
    const summary = await run("many-v2.xml", xml);
    expect(summary).toMatchObject({ flowsRecorded: 50, flowsReversed: 60 });
    expect(await totals()).toMatchObject({
      announced: "200000.00",
      committed: "105000.00",
      disbursed: "56250.00",
    });
    expect(await count("support_flows")).toBe(300 + 60 + 50);
    expect(await count("iati_ledger_entries")).toBe(350);
    const reversals = await handle.db
      .selectFrom("support_flows")
      .select("flow_type")
      .where("reverses_id", "is not", null)
      .orderBy("seq")
      .execute();
    expect(reversals.map((r) => r.flow_type)).toEqual([
      ...Array(10).fill("disbursement"),
      ...Array(50).fill("commitment"),
    ]);
    expect(await verifyAuditChain({ db: handle.db })).toMatchObject({ ok: true });
    const again = await run("many-v2-again.xml", xml.replace("2026-02-01", "2026-03-01"));
    expect(again).toMatchObject({ flowsRecorded: 0, flowsReversed: 0 });
  });
});
