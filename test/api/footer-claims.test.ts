import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertToUsdMinor } from "../../src/contracts/money.ts";
import { seedDemo } from "../../src/modules/demo/index.ts";
import type { Flow } from "../../src/modules/funding/index.ts";
import type { Initiative } from "../../src/modules/initiatives/index.ts";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import { createTestApp, type TestApp } from "../support/app.ts";

/**
 * The portal's footer (and the dashboard's sources note) makes claims about every figure
 * it shows. Each claim is checked here against the demo data. A claim's wording is pinned
 * first, so that changing what the footer says fails here until its check is changed too.
 */
describe("the footer's claims, against the demo data", () => {
  let t: TestApp;
  let initiatives: Initiative[];
  let flows: Flow[];
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo({ db: t.handle.db, force: true });
    initiatives = (await t.anonymous<{ data: Initiative[] }>({ url: "/api/initiatives?limit=100" }))
      .body.data;
    flows = (await t.anonymous<{ data: Flow[] }>({ url: "/api/flows?limit=500" })).body.data;
  });
  afterAll(async () => t.close());

  it("footer.mandate: the platform follows up AG/RES. 2626 (XLI-O/11) of 7 June 2011", async () => {
    expect(en["footer.mandate"]).toMatch(/AG\/RES\. 2626 \(XLI-O\/11\) of 7 June 2011/);
    expect(es["footer.mandate"]).toMatch(/AG\/RES\. 2626 \(XLI-O\/11\)/);
    const conference = await t.handle.db
      .selectFrom("conferences")
      .select(["source", "start_date"])
      .executeTakeFirstOrThrow();
    expect(conference.source).toMatch(/AG\/RES\. 2626 \(XLI-O\/11\)/);
    // The resolution welcomed a conference still to come.
    expect(conference.start_date > "2011-06-07").toBe(true);
  });

  it("footer.money: amounts in USD at the stored rate of each value date, originals kept", async () => {
    expect(en["footer.money"]).toMatch(
      /converted once at the stored exchange rate of each record's value date; the original amount and currency are always kept/,
    );
    const rates = await t.handle.db
      .selectFrom("exchange_rates")
      .select(["currency", "rate_date", "usd_per_unit"])
      .execute();
    // The rate of a value date: the latest stored on or before it.
    const rateOn = (currency: string, date: string) =>
      rates
        .filter((r) => r.currency === currency && r.rate_date <= date)
        .sort((a, b) => b.rate_date.localeCompare(a.rate_date))[0];
    const entries = await t.handle.db
      .selectFrom("support_flows")
      .select(["id", "amount_minor", "currency", "usd_minor", "fx_rate", "fx_date", "value_date"])
      .where("amount_minor", "is not", null)
      .execute();
    expect(entries.length).toBeGreaterThan(40);
    for (const entry of entries) {
      const currency = entry.currency ?? "";
      expect(entry.usd_minor, entry.id).not.toBeNull();
      if (currency === "USD") {
        expect(entry.usd_minor).toBe(entry.amount_minor);
        continue;
      }
      const rate = rateOn(currency, entry.value_date);
      expect(rate, `${currency} on ${entry.value_date}`).toBeDefined();
      expect(entry.fx_date).toBe(rate?.rate_date);
      expect(Number(entry.fx_rate)).toBe(Number(rate?.usd_per_unit));
      expect(entry.usd_minor).toBe(
        convertToUsdMinor(entry.amount_minor ?? 0n, currency, rate?.usd_per_unit ?? "0"),
      );
    }
    for (const flow of flows.filter((f) => f.value))
      expect(flow.value_usd?.currency, flow.id).toBe("USD");
    const euro = flows.filter((f) => f.value?.currency === "EUR");
    expect(euro.length).toBeGreaterThan(0);
    for (const initiative of initiatives) {
      const rate =
        initiative.budget.currency === "USD"
          ? "1"
          : rateOn(initiative.budget.currency, initiative.budget_value_date)?.usd_per_unit;
      expect(Number(initiative.budget_fx.rate), initiative.code).toBe(Number(rate));
    }
  });

  it("footer.illustrative: what is not made up for the demo names its published source", async () => {
    expect(en["footer.illustrative"]).toMatch(
      /marked “illustrative” were made up for the demo, not published figures; every other record names its published source/,
    );
    expect(en["sources.help"]).toMatch(/by published source/);
    const unsourced = (records: Array<{ illustrative: boolean; source: string | null }>) =>
      records.filter((r) => !r.illustrative && !r.source?.trim());
    expect(initiatives).toHaveLength(22);
    expect(unsourced(initiatives)).toEqual([]);
    expect(flows).toHaveLength(53);
    expect(unsourced(flows)).toEqual([]);
    // A record both real and made up in part says which part: its source names the rest.
    for (const record of [...initiatives, ...flows])
      if (record.illustrative_fields.length > 0) expect(record.source).toBeTruthy();
    for (const table of ["exchange_rates", "indicator_observations", "conferences"] as const) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(table)} where coalesce(trim(source), '') = ''
      `.execute(t.handle.db);
      expect(rows[0]?.n, table).toBe(0);
    }
  });
});
