import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import { systemPrincipal } from "../accounts/index.ts";
import { summarizeFunding } from "../funding/index.ts";
import { importFootprint } from "./iati.fixtures.ts";
import { iatiFile, setUpIatiWorld, type TestActivity } from "./iati-xml.fixtures.ts";
import { importIatiFile } from "./import-iati-file.ts";

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
});
