import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  api,
  chromiumMissing,
  type Portal,
  seriousViolations,
  settle,
  startPortal,
} from "./support.ts";

/**
 * Issue 19, item 7: every chart states its unit, its year(s) or the moment its figures are
 * as of, and its source, under it, in the reader's language. Each chart of each public page
 * with charts is checked, not one sample: a chart without its facts fails here.
 */
const pages = [
  "/",
  "/components",
  "/components/A",
  "/partners",
  "/initiatives/AA1",
  "/countries/GT",
];

/** For each chart on the page: the text of the facts line that follows it, or "" if none. */
async function chartFacts(page: Page): Promise<string[]> {
  return page.evaluate(`(() =>
    [...document.querySelectorAll("main .chart")].map((chart) => {
      let next = chart.parentElement && chart.parentElement.nextElementSibling;
      while (next && !(next.getAttribute("data-testid") || "").endsWith("facts"))
        next = next.nextElementSibling;
      return next ? next.textContent.trim() : "";
    }))()`);
}

describe.skipIf(chromiumMissing)("what every chart shows", { timeout: 300_000 }, () => {
  let portal: Portal;
  let partnerPath = "";
  beforeAll(async () => {
    portal = await startPortal();
    const partners = await api<{ data: Array<{ id: string; code: string }> }>(
      portal,
      "/organizations?limit=500",
    );
    partnerPath = `/partners/${partners.data.find((o) => o.code === "IDB")?.id ?? ""}`;
  }, 300_000);
  afterAll(async () => {
    await portal?.stop();
  });

  for (const [lang, catalog] of [
    ["es", es],
    ["en", en],
  ] as const) {
    it(`states unit, year or date, and source under each chart (${lang})`, async () => {
      const [unitWord, rest] = catalog["figure.facts"].split("{unit}");
      const sourceWord = (rest ?? "").split("{when}")[1]?.split("{source}")[0] ?? "";
      expect(unitWord && sourceWord).toBeTruthy();
      const context = await portal.context();
      const page = await context.newPage();
      let charts = 0;
      for (const path of [...pages, partnerPath]) {
        await page.goto(`${path}?lang=${lang}`);
        await settle(page);
        const facts = await chartFacts(page);
        charts += facts.length;
        facts.forEach((text, index) => {
          const where = `${path} chart ${index + 1}: "${text}"`;
          expect(text.startsWith(unitWord ?? ""), where).toBe(true);
          const unit = text.slice((unitWord ?? "").length).split(" · ")[0] ?? "";
          expect(unit.length, where).toBeGreaterThan(0);
          // The when part names a year (a single year, a range, or the date of the figures).
          const when = text.split(" · ")[1] ?? "";
          expect(when, where).toMatch(/\b(19|20)\d{2}\b/);
          expect(text, where).toContain(sourceWord.trim());
          expect(text.split(sourceWord.trim())[1]?.trim().length, where).toBeGreaterThan(0);
        });
        expect(await seriousViolations(page), path).toEqual([]);
      }
      // The dashboard, component, partner and initiative pages all draw charts.
      expect(charts).toBeGreaterThanOrEqual(pages.length);
      await context.close();
    });
  }
});
