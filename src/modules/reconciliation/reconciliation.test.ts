import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { systemPrincipal } from "../accounts/index.ts";
import { recordFlow } from "../funding/index.ts";
import { iatiFile, setUpIatiWorld } from "../iati/iati-xml.fixtures.ts";
import { importIatiFile } from "../iati/index.ts";
import type { Difference } from "./reconcile-publications.ts";

const principal = systemPrincipal("test");

describe("reconciling recorded and published figures", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const db = t.handle.db;
    const world = await setUpIatiWorld(db);
    await db.updateTable("initiatives").set({ published_at: new Date() }).execute();
    const path = join(mkdtempSync(join(tmpdir(), "esca-reconcile-")), "donor.xml");
    writeFileSync(
      path,
      iatiFile("XM-DAC-99", [
        {
          id: "XM-DAC-99-1",
          related: "GT1",
          transactions: [{ type: 2, date: "2012-02-01", amount: "800000" }],
        },
        {
          id: "XM-DAC-99-2",
          transactions: [{ type: 3, date: "2013-03-01", amount: "1000", currency: "EUR" }],
        },
      ]),
    );
    const summary = await importIatiFile({ db, path, principal, reportingOrgRef: "XI-IATI-ESCA" });
    const partner = await db
      .selectFrom("organizations")
      .select("id")
      .where("iati_org_id", "=", "XM-DAC-99")
      .executeTakeFirstOrThrow();
    expect(summary.flowsRecorded).toBe(1);
    // Typed in by an officer besides what the partner published.
    await recordFlow({
      db,
      principal,
      input: {
        flow_type: "commitment",
        support_kind: "financial",
        partner_id: partner.id,
        initiative_id: world.initiativeId,
        value: { amount: "100000", currency: "USD" },
        value_date: "2012-06-01",
      },
    });
  });
  afterAll(async () => t.close());

  it("lists per initiative and year the measures that differ by more than the threshold", async () => {
    const response = await t.anonymous<{ data: Difference[] }>({
      method: "GET",
      url: "/api/reconciliation?threshold=1000",
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject([
      {
        publisher_ref: "XM-DAC-99",
        initiative: null,
        year: 2013,
        measure: "disbursed",
        recorded_usd: "0.00",
        published_usd: "1250.00",
        difference_usd: "-1250.00",
      },
      {
        initiative: { code: "GT1" },
        year: 2012,
        measure: "committed",
        recorded_usd: "900000.00",
        published_usd: "800000.00",
        difference_usd: "100000.00",
      },
    ]);
    const higher = await t.anonymous<{ data: Difference[] }>({
      method: "GET",
      url: "/api/reconciliation?threshold=2000",
    });
    expect(higher.body.data).toHaveLength(1);
  });

  it("gives the same differences as CSV", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/api/reconciliation.csv?threshold=2000",
    });
    expect(response.headers["content-type"]).toMatch(/^text\/csv/);
    const [header, line] = response.body.trim().split("\r\n");
    expect(header).toBe(
      "partner,publisher_ref,initiative,year,measure,recorded_usd,published_usd,difference_usd,unvalued",
    );
    expect(line).toMatch(
      /^XM-DAC-99,XM-DAC-99,GT1,2012,committed,900000.00,800000.00,100000.00,0$/,
    );
  });
});
