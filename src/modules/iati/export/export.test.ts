import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test/support/database.ts";
import type { DatabaseHandle } from "../../../platform/db/connect.ts";
import { systemPrincipal } from "../../accounts/index.ts";
import { seedDemo } from "../../demo/index.ts";
import { recordFlow, reverseFlow } from "../../funding/index.ts";
import { schemasDir } from "../iati.fixtures.ts";
import { loadIatiSettings } from "../iati-settings.ts";
import { setUpIatiWorld } from "../iati-xml.fixtures.ts";
import { validateAgainstSchema } from "../validate/schema-validate.ts";
import { validateIatiFile } from "../validate/validate-iati-file.ts";
import { splitByYear } from "./budget-years.ts";
import { equalShares, exportIatiActivities, recordedShares } from "./export-activities.ts";
import { exportIatiOrganisation } from "./export-organisation.ts";

const principal = systemPrincipal("test");
const settings = { ...loadIatiSettings({}), schemaDir: schemasDir };

describe("IATI export pieces", () => {
  it("spreads a budget over calendar years by days, adding up exactly", () => {
    expect(splitByYear(100_000_000n, "2012-07-01", "2013-06-30")).toEqual([
      { start: "2012-07-01", end: "2012-12-31", amountMinor: 50_410_959n },
      { start: "2013-01-01", end: "2013-06-30", amountMinor: 49_589_041n },
    ]);
    expect(equalShares(["GT", "HN", "SV"])).toEqual([
      ["GT", "33.34"],
      ["HN", "33.33"],
      ["SV", "33.33"],
    ]);
  });

  it("uses recorded country shares only when every country has one and they make 100", () => {
    const row = (country_iso2: string, share_percentage: string | null) => ({
      country_iso2,
      share_percentage,
    });
    expect(recordedShares([row("GT", "70.00"), row("HN", "30.00")])).toEqual([
      ["GT", "70"],
      ["HN", "30"],
    ]);
    expect(recordedShares([row("GT", "70.00"), row("HN", null)])).toBeNull();
    expect(recordedShares([row("GT", "70.00"), row("HN", "20.50")])).toBeNull();
    expect(recordedShares([])).toBeNull();
  });
});

describe("IATI export", () => {
  let handle: DatabaseHandle;
  let xml: string;
  beforeAll(async () => {
    handle = await createTestDatabase();
    const db = handle.db;
    const world = await setUpIatiWorld(db);
    await db
      .updateTable("initiatives")
      .set({
        published_at: new Date(),
        start_date: "2012-03-01",
        end_date: "2014-02-28",
        summary_es: "Resumen & <detalle>",
        summary_en: "Summary",
      })
      .execute();
    await db
      .insertInto("initiative_countries")
      .values([
        { initiative_id: world.initiativeId, country_iso2: "GT" },
        { initiative_id: world.initiativeId, country_iso2: "HN" },
      ])
      .execute();
    await db
      .insertInto("initiative_sectors")
      .values([
        { initiative_id: world.initiativeId, dac_code: "15210", percentage: "60.00" },
        { initiative_id: world.initiativeId, dac_code: "15130", percentage: "40.00" },
      ])
      .execute();
    const partner = await db
      .insertInto("organizations")
      .values({
        code: "EU",
        kind: "international_org",
        name_es: "Unión Europea",
        name_en: "European Union",
        iati_org_id: "XI-IATI-EC_INTPA",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const base = {
      support_kind: "financial" as const,
      partner_id: partner.id,
      initiative_id: world.initiativeId,
    };
    await recordFlow({
      db,
      principal,
      input: {
        ...base,
        flow_type: "pledge",
        value: { amount: "300000", currency: "EUR" },
        value_date: "2012-03-01",
      },
    });
    const wrong = await recordFlow({
      db,
      principal,
      input: {
        ...base,
        flow_type: "commitment",
        value: { amount: "999", currency: "USD" },
        value_date: "2012-04-01",
      },
    });
    await reverseFlow({ db, principal, flowId: wrong.id, input: { reason: "typo" } });
    await recordFlow({
      db,
      principal,
      input: {
        ...base,
        flow_type: "commitment",
        value: { amount: "250000.50", currency: "USD" },
        value_date: "2012-04-01",
      },
    });
    xml = await exportIatiActivities({ db, settings });
  });
  afterAll(async () => handle.close());

  it("validates against the official IATI 2.03 activities schema", async () => {
    expect(await validateAgainstSchema({ xml, schemaDir: schemasDir, kind: "activities" })).toEqual(
      [],
    );
  });

  it("passes the main rules as the importer checks them", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "esca-export-")), "activities.xml");
    writeFileSync(path, xml);
    const report = await validateIatiFile({ path, schemaDir: schemasDir });
    expect(report).toMatchObject({
      valid: true,
      activityCount: 1,
      transactionCount: 2,
      problemCount: 0,
    });
  });

  it("carries narratives in es and en, original currencies and value dates, and leaves reversed entries out", () => {
    expect(xml).toContain("<iati-identifier>XI-IATI-ESCA-GT1</iati-identifier>");
    expect(xml).toContain('<narrative xml:lang="es">Resumen &amp; &lt;detalle&gt;</narrative>');
    expect(xml).toContain('<value currency="EUR" value-date="2012-03-01">300000.00</value>');
    expect(xml).toContain('<sector vocabulary="1" code="15210" percentage="60"/>');
    expect(xml).toContain('<recipient-country code="HN" percentage="50"/>');
    expect(xml).not.toContain(">999.00<");
    expect(xml.match(/<budget /g)).toHaveLength(3);
  });

  it("exports the organisation file, valid against the organisations schema", async () => {
    const org = await exportIatiOrganisation({ db: handle.db, settings });
    expect(
      await validateAgainstSchema({ xml: org, schemaDir: schemasDir, kind: "organisations" }),
    ).toEqual([]);
    expect(org).toContain('<value currency="USD" value-date="2013-01-01">');
  });
});

describe("IATI export of the demo portfolio", () => {
  it("validates against the official schema and passes the main rules", async () => {
    const handle = await createTestDatabase();
    try {
      await seedDemo({ db: handle.db });
      const xml = await exportIatiActivities({ db: handle.db, settings });
      const path = join(mkdtempSync(join(tmpdir(), "esca-export-")), "demo.xml");
      writeFileSync(path, xml);
      const report = await validateIatiFile({ path, schemaDir: schemasDir });
      expect(report.problemCount, JSON.stringify(report.activities[0])).toBe(0);
      expect(report.activityCount).toBeGreaterThan(10);
    } finally {
      await handle.close();
    }
  });
});
