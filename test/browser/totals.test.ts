import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toMinorUnits } from "../../src/contracts/money.ts";
import { en } from "../../src/web/i18n/en.ts";
import {
  api,
  chromiumMissing,
  type Portal,
  settle,
  startPortal,
  usd,
  visibleText,
} from "./support.ts";

interface Summary {
  total: Record<string, string | null>;
  rows: { remainder: string | null; committed: string; key: { partner?: { code: string } } }[];
}

/** "$1,234.56" (or "—") as US cents; null for a cell without an amount. */
function cents(text: string): bigint | null {
  const amount = text.replace(/[^\d.-]/g, "");
  return amount === "" ? null : toMinorUnits(amount.includes(".") ? amount : `${amount}.00`, "USD");
}

/**
 * Reads a roll-up table as shown (its Table tab), and checks each amount column: the rows
 * (groups and remainder rows) add up to the Total row, to the cent. Returns the rows' labels
 * and the Total row's cells.
 */
async function expectTableAddsUp(page: Page, section: Locator, label: string) {
  await section.getByRole("tab", { name: en["view.table"] }).click();
  const table = section.locator("table");
  await table.waitFor();
  const headers = await table.locator("thead th").allInnerTexts();
  const rows = await table.locator("tbody tr").all();
  const body = await Promise.all(
    rows.map(async (row) => (await row.locator("td").allInnerTexts()).map((text) => text.trim())),
  );
  const total = await table.locator("tfoot td").allInnerTexts();
  expect(total[0], label).toContain(en["table.total"]);
  let checked = 0;
  headers.forEach((heading, column) => {
    if (column === 0 || heading.startsWith(en["measure.coveragePct"])) return;
    const expected = cents(total[column] ?? "");
    if (expected === null) return;
    const sum = body.reduce((s, row) => s + (cents(row[column] ?? "") ?? 0n), 0n);
    expect(sum, `${label}: ${heading}`).toBe(expected);
    checked += 1;
  });
  expect(checked, `${label}: amount columns`).toBeGreaterThan(1);
  await page.keyboard.press("Escape");
  return { labels: body.map((row) => row[0] ?? ""), total };
}

const section = (page: Page, heading: string) =>
  page.locator("section", { has: page.getByRole("heading", { name: heading, exact: true }) });

describe.skipIf(chromiumMissing)("totals as the portal shows them", { timeout: 180_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 300_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("adds up every table of the dashboard, remainder rows named in words", async () => {
    const context = await portal.context();
    const page = await context.newPage();
    await page.goto(`${portal.url}/?lang=en`);
    await settle(page);
    for (const heading of [
      en["dashboard.byComponent"],
      en["dashboard.byCountry"],
      en["dashboard.byYear"],
      en["dashboard.promisesGap"],
    ]) {
      await expectTableAddsUp(page, section(page, heading), heading);
    }
    const byCountry = await expectTableAddsUp(
      page,
      section(page, en["dashboard.byCountry"]),
      "by country",
    );
    expect(byCountry.labels).toContain(en["table.notAllocated"]);
    // The Total row says the API's total, digit for digit.
    const summary = await api<Summary>(portal, "/funding/summary?by=country");
    expect(byCountry.total).toContain(usd("en", summary.total.gap ?? ""));
    // Each headline figure shows its definition, worded as docs/MEASURES.md.
    await page.getByTestId("kpi-gap").scrollIntoViewIfNeeded();
    await page
      .getByRole("button", { name: `What “${en["measure.gap"]}” means` })
      .first()
      .hover();
    await page
      .getByRole("tooltip")
      .filter({ hasText: en["measureDefinition.gap"] })
      .waitFor({ state: "visible", timeout: 5_000 });
    for (const measure of ["budget", "committed", "disbursed"] as const) {
      const help = page.getByRole("button", { name: `What “${en[`measure.${measure}`]}” means` });
      expect(await help.count(), measure).toBeGreaterThan(1);
      await expect(help.first().getAttribute("data-definition")).resolves.toBe(
        en[`measureDefinition.${measure}`],
      );
    }
    await context.close();
  });

  it("adds up a country page's initiatives to its headline figures, regional ones apart", async () => {
    const context = await portal.context();
    const page = await context.newPage();
    await page.goto(`${portal.url}/countries/GT?lang=en`);
    await settle(page);
    const summary = await api<Summary>(portal, "/funding/summary?country=GT");
    const led = await expectTableAddsUp(
      page,
      section(page, en["country.led"].replace("{country}", "Guatemala")),
      "Guatemala",
    );
    expect(led.total).toContain(usd("en", summary.total.committed ?? ""));
    expect(await visibleText(page.getByTestId("kpi-committed"))).toBe(
      usd("en", summary.total.committed ?? ""),
    );
    expect(await visibleText(page.getByTestId("country-kpi-note"))).toBe(
      en["country.kpiNote"].replace("{country}", "Guatemala"),
    );
    const regional = section(page, en["country.participating"].replace("{country}", "Guatemala"));
    const cells = await regional.locator("tbody tr td").allInnerTexts();
    expect(cells).toContain(en["country.shareRegional"]);
    // None of them is led by Guatemala, and none is among the led ones.
    const codes = await regional.locator("tbody tr td:first-child").allInnerTexts();
    for (const code of codes) expect(led.labels.some((l) => l.startsWith(`${code} ·`))).toBe(false);
    await context.close();
  });

  it("adds up a partner page's table to its headline figures", async () => {
    const context = await portal.context();
    const page = await context.newPage();
    await page.goto(`${portal.url}/partners/IDB?lang=en`);
    await settle(page);
    const byYear = await expectTableAddsUp(
      page,
      section(page, en["partner.byYear"]),
      "IDB by year",
    );
    const kpi = await visibleText(page.getByTestId("kpi-committed"));
    expect(byYear.total).toContain(kpi);
    // The partner's headline figure is its row of the partners' table.
    const partners = await api<Summary>(portal, "/funding/summary?by=partner");
    const idb = partners.rows.find((row) => row.key.partner?.code === "IDB");
    expect(kpi).toBe(usd("en", idb?.committed ?? ""));
    await context.close();
  });
});
