import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSummary } from "../../src/cli/actions/summary.ts";
import { seedDemo } from "../../src/modules/demo/index.ts";
import type { FundingSummary } from "../../src/modules/funding/index.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { cliEnv, runCli } from "../support/cli.ts";
import { testBackend } from "../support/database.ts";
import { demoDataDir } from "../support/demo-data-dir.ts";
import {
  expectAddsUp,
  expectCliTableAddsUp,
  expectDownloadsAddUp,
  expectLedgerTotals,
  GROUPINGS,
} from "./adds-up.ts";
import { expectIatiAddsUp } from "./iati-totals.ts";
import { ledgerTotals } from "./ledger-sql.ts";

/**
 * The demo data on every surface that shows a total: the API summary for each grouping, as
 * the public and as the secretariat; the reads of the country, partner and component pages;
 * their CSV and XLSX downloads; `esca summary`; the IATI files. Each total is checked
 * against its rows and against the ledger in plain SQL.
 */
describe(`cross-check of every total, demo data (${testBackend})`, { timeout: 120_000 }, () => {
  let t: TestApp;
  const get = async <T>(url: string, anonymous = true) => {
    const response = await (anonymous ? t.anonymous<T> : t.request<T>)({ method: "GET", url });
    expect(response.status, url).toBe(200);
    return response.body;
  };
  const summary = (query: string, anonymous = true) =>
    get<FundingSummary>(`/api/funding/summary${query}`, anonymous);

  beforeAll(async () => {
    t = await createTestApp();
    // The test app holds its operator organization already.
    await seedDemo({ db: t.handle.db, force: true });
  });
  afterAll(async () => t?.close());

  it("adds up by every grouping, to the ledger's totals, for the public and the secretariat", async () => {
    for (const anonymous of [true, false]) {
      const ledger = await ledgerTotals(t.handle.db, { publishedOnly: anonymous });
      for (const by of GROUPINGS) {
        const label = `${anonymous ? "public" : "staff"} by=${by.join(",")}`;
        const result = await summary(by.length ? `?by=${by.join(",")}` : "", anonymous);
        // With no grouping there are no rows: the total alone, checked against the ledger.
        if (by.length) expectAddsUp(result, label);
        else expect(result.rows).toEqual([]);
        expectLedgerTotals(result.total, ledger, label);
      }
      const byCountry = await summary("?by=country", anonymous);
      for (const [country, expected] of ledger.countries) {
        const row = byCountry.rows.find((r) => r.key.country === country && !r.remainder);
        expect(row, country).toBeDefined();
        expect(
          [row?.budget, row?.committed, row?.gap].map((v) => BigInt((v ?? "").replace(".", ""))),
        ).toEqual([expected.budget, expected.committed, expected.gap]);
      }
      // Grants and loans apart: each finance type's row is the ledger's plain sum of it.
      const byFinanceType = await summary("?by=finance_type", anonymous);
      expect(byFinanceType.rows.map((r) => r.key.finance_type ?? "none").sort()).toEqual(
        [...ledger.financeTypes.keys()].sort(),
      );
      for (const row of byFinanceType.rows) {
        const expected = ledger.financeTypes.get(row.key.finance_type ?? "none");
        expect(
          [row.announced, row.committed, row.disbursed].map((v) => BigInt(v.replace(".", ""))),
          `finance type ${row.key.finance_type}`,
        ).toEqual([expected?.announced, expected?.committed, expected?.disbursed]);
        expect(row.budget, "budgets have no finance type").toBeNull();
      }
      // The 2011 conference pledges: about 1.95 billion, announced to no component, 1.5 billion
      // of it as loans; by component they are one named remainder row.
      expect(ledger.announcedToNoComponent).toBe(195_000_000_000n);
      expect(ledger.financeTypes.get("421")?.announced).toBeGreaterThanOrEqual(150_000_000_000n);
      const byComponent = await summary("?by=component", anonymous);
      const regionWide = byComponent.rows.filter(
        (r) => r.remainder === "not_allocated_to_component",
      );
      expect(regionWide.map((r) => BigInt(r.announced.replace(".", "")))).toEqual([
        ledger.announcedToNoComponent,
      ]);
      const byPartner = await summary("?by=partner", anonymous);
      for (const [code, open] of ledger.partnersNotCommitted) {
        const row = byPartner.rows.find((r) => r.key.partner?.code === code);
        expect(BigInt((row?.announced_not_committed ?? "").replace(".", "")), code).toBe(open);
      }
    }
  });

  it("gives each country, partner and component page the figures of its row in the tables", async () => {
    const [byCountry, byPartner, byComponent] = await Promise.all([
      summary("?by=country"),
      summary("?by=partner"),
      summary("?by=component"),
    ]);
    const { rows, total, ...rest } = byCountry;
    expect(rest.currency).toBe("USD");
    for (const row of rows.filter((r) => !r.remainder)) {
      const country = row.key.country ?? "";
      // The headline figures, and the table of the initiatives the country leads.
      const page = await summary(`?country=${country}`);
      const led = await summary(`?by=initiative&country=${country}`);
      const { key: _key, remainder: _remainder, ...figures } = row;
      expect(page.total, country).toEqual(figures);
      expect(led.total, country).toEqual(figures);
      expectAddsUp(led, `country ${country} led initiatives`);
      await expectDownloadsAddUp(led, `country ${country}`);
    }
    for (const row of byPartner.rows) {
      const id = row.key.partner?.id ?? "";
      const page = await summary(`?partner=${id}`);
      const byYear = await summary(`?by=year&partner=${id}`);
      const { key: _key, remainder: _remainder, ...figures } = row;
      expect(page.total, row.key.partner?.code).toEqual(figures);
      expectAddsUp(byYear, `partner ${row.key.partner?.code} by year`);
      expect(byYear.total.committed).toBe(row.committed);
    }
    for (const row of byComponent.rows) {
      const id = row.key.component?.id ?? "";
      const page = await summary(`?component=${id}`);
      const byCountryOfComponent = await summary(`?by=country&component=${id}`);
      expectAddsUp(byCountryOfComponent, `component ${row.key.component?.code} by country`);
      expect(page.total).toEqual(byCountryOfComponent.total);
    }
    // A component's page is its row plus its remainder row: what it received in all.
    const a = byComponent.rows.filter((r) => r.key.component?.code === "A");
    const pageA = await summary(`?component=${a[0]?.key.component?.id}`);
    const committed = a.reduce((s, r) => s + BigInt(r.committed.replace(".", "")), 0n);
    expect(BigInt(pageA.total.committed.replace(".", ""))).toBe(committed);
    expect(total.committed).toBe(byPartner.total.committed);
  });

  it("writes CSV and XLSX downloads whose rows add up to their total row", async () => {
    for (const by of GROUPINGS.filter((g) => g.length > 0)) {
      await expectDownloadsAddUp(await summary(`?by=${by.join(",")}`), `by=${by.join(",")}`);
    }
  });

  it("prints with `esca summary` tables whose lines add up to the Total line", async () => {
    for (const by of GROUPINGS.filter((g) => g.length > 0)) {
      const result = await summary(`?by=${by.join(",")}`, false);
      const printed = expectCliTableAddsUp(renderSummary(result, by), by.length, `by=${by}`);
      expect(printed.rows.length).toBe(result.rows.length + 1);
    }
  });

  it("exports IATI files whose transactions and budgets add up to the ledger and the roll-up", async () => {
    const [activitiesXml, organisationXml, byInitiative] = await Promise.all([
      get<string>("/api/iati/activities.xml"),
      get<string>("/api/iati/organisation.xml"),
      summary("?by=initiative"),
    ]);
    expect(activitiesXml).toContain("<iati-activity ");
    await expectIatiAddsUp({ db: t.handle.db, activitiesXml, organisationXml, byInitiative });
  });
});

/** The real command once, on its own embedded database (a CLI opens only the embedded one). */
describe.skipIf(testBackend !== "pglite")("cross-check of `esca summary` itself", () => {
  let dataDir = "";
  afterAll(() => dataDir && rmSync(dirname(dataDir), { recursive: true, force: true }));

  it("prints the API's figures, each total the sum of its lines", {
    timeout: 180_000,
  }, async () => {
    // What a first start makes (the demo data), copied.
    dataDir = await demoDataDir("esca-cross-check-");
    const env = cliEnv(dataDir);
    const table = await runCli(["summary", "--by", "country"], env, 60_000);
    expect(table.code, table.stderr).toBe(0);
    const { rows } = expectCliTableAddsUp(table.stdout, 1, "esca summary --by country");
    expect(rows.some((row) => row[0] === "(not yet allocated to an initiative)")).toBe(true);
    const json = await runCli(["summary", "--by", "country", "--json"], env, 60_000);
    const summary = JSON.parse(json.stdout) as FundingSummary;
    expectAddsUp(summary, "esca summary --json");
    expect(rows.at(-1)?.[3]).toBe(summary.total.committed.replace(/\B(?=(\d{3})+(?!\d))/g, ","));
  });
});
