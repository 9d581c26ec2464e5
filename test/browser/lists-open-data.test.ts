import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InitiativeList } from "../../src/contracts/initiatives.ts";
import type { FundingSummary } from "../../src/web/api/schemas.ts";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  api,
  chromiumMissing,
  type Portal,
  screenshot,
  seriousViolations,
  settle,
  startPortal,
  visibleText,
} from "./support.ts";

const fill = (text: string, vars: Record<string, string>) =>
  Object.entries(vars).reduce((out, [key, value]) => out.replace(`{${key}}`, value), text);

/** The file a button downloads, as text. */
async function downloaded(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), path, text: readFileSync(path, "utf8") };
}

/**
 * Item 3 of the lists issue, as a reader meets it in each language: the initiatives list sorted
 * by a roll-up figure with downloads of every page, the partners table beside its chart, the
 * Open data page reached from the footer; axe finds no serious violation on any of them.
 */
describe.skipIf(chromiumMissing)(
  "lists, downloads, partners and open data",
  { timeout: 240_000 },
  () => {
    let portal: Portal;
    beforeAll(async () => {
      portal = await startPortal();
    }, 240_000);
    afterAll(async () => {
      await portal?.stop();
    });

    for (const [lang, catalog] of [
      ["es", es],
      ["en", en],
    ] as const) {
      it(`sorts the initiatives by committed and downloads every matching row (${lang})`, async () => {
        const sorted = await api<InitiativeList>(portal, "/initiatives?sort=-committed&limit=500");
        // More initiatives than one page of the list (20), so the download must read them all.
        expect(sorted.page.total).toBeGreaterThan(20);
        const context = await portal.context();
        const page = await context.newPage();
        await page.goto(`/initiatives?lang=${lang}&sort=-committed`);
        await settle(page);
        const rows = page.locator(".data-table tbody tr");
        expect(await rows.count()).toBe(20);
        expect(await rows.first().locator("td").first().textContent()).toBe(sorted.data[0]?.code);
        const headers = await visibleText(page.locator(".data-table thead"));
        for (const key of ["measure.committed", "measure.disbursed", "measure.gap"] as const)
          expect(headers).toContain(catalog[key]);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, `initiatives-by-committed-${lang}`);

        const csv = await downloaded(page, () =>
          page
            .getByRole("button", {
              name: fill(catalog["table.downloadCsvOf"], { table: catalog["initiatives.results"] }),
            })
            .click(),
        );
        expect(csv.name).toBe("esca-initiatives.csv");
        const lines = csv.text
          .replace(/^\ufeff/, "")
          .trim()
          .split("\r\n");
        // The header, then every initiative in the screen's order (the API's, sorted).
        expect(lines).toHaveLength(sorted.page.total + 1);
        expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(
          sorted.data.map((i) => i.code),
        );
        const header = lines[0]?.split(",") ?? [];
        const committedAt = header.findIndex((h) => h.startsWith(catalog["measure.committed"]));
        expect(lines[1]?.split(",")[committedAt]).toBe(sorted.data[0]?.funding.committed);

        // A filter is kept too: the download holds the filtered list only.
        await page.goto(`/initiatives?lang=${lang}&sort=gap&component=B`);
        await settle(page);
        const filtered = await api<InitiativeList>(portal, "/initiatives?sort=gap&component=B");
        const xlsx = await downloaded(page, () =>
          page
            .getByRole("button", {
              name: fill(catalog["table.downloadXlsxOf"], {
                table: catalog["initiatives.results"],
              }),
            })
            .click(),
        );
        expect(xlsx.name).toBe("esca-initiatives.xlsx");
        const { default: ExcelJS } = await import("exceljs");
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(xlsx.path);
        expect(book.worksheets[0]?.rowCount).toBe(filtered.page.total + 1);
        await context.close();
      });

      it(`lists every partner in a table beside the chart, names whole (${lang})`, async () => {
        const summary = await api<FundingSummary>(portal, "/funding/summary?by=partner");
        const context = await portal.context();
        const page = await context.newPage();
        await page.goto(`/partners?lang=${lang}`);
        await settle(page);
        const table = page.getByTestId("partners-table");
        expect(await table.locator("tbody tr").count()).toBe(summary.rows.length);
        const text = await visibleText(table);
        for (const row of summary.rows) {
          const name = row.key.partner?.name[lang];
          if (name) expect(text).toContain(name);
        }
        const total = await visibleText(table.locator("tfoot tr"));
        expect(total).toContain(catalog["table.total"]);
        // The chart stands beside the table on a wide screen.
        const chart = page.locator('[aria-labelledby="partners-title"] .chart').first();
        const [tableBox, chartBox] = await Promise.all([table.boundingBox(), chart.boundingBox()]);
        expect(chartBox && tableBox && chartBox.x > tableBox.x + tableBox.width - 1).toBe(true);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, `partners-${lang}`);
        await context.close();
      });

      it(`reaches Open data from the footer: downloads, dictionary, licence, last update (${lang})`, async () => {
        const context = await portal.context();
        const page = await context.newPage();
        await page.goto(`/?lang=${lang}`);
        await settle(page);
        await page
          .locator("footer")
          .getByRole("link", { name: catalog["footer.openData"] })
          .click();
        await page.waitForURL(/\/open-data/);
        await settle(page);
        expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
          catalog["openData.title"],
        );
        const licence = await visibleText(page.getByTestId("open-data-licence"));
        expect(licence).toContain("CC-BY-4.0");
        expect(licence).toContain("Creative Commons Attribution 4.0 International");
        const updated = await visibleText(page.getByTestId("open-data-updated"));
        expect(updated).not.toBe(catalog["openData.neverUpdated"]);
        const downloads = page.getByTestId("open-data-downloads");
        for (const href of [
          "/api/initiatives?limit=500",
          "/api/funding/summary?by=component",
          "/api/iati/activities.xml",
          "/api/iati/organisation.xml",
          "/api/openapi.json",
        ])
          expect(await downloads.locator(`a[href="${href}"]`).count()).toBe(1);
        const formats = await visibleText(downloads);
        for (const format of ["CSV", "XLSX", "JSON", "IATI XML", "OpenAPI"])
          expect(formats).toContain(format);
        const dictionary = await visibleText(page.getByTestId("dictionary-funding-summary"));
        expect(dictionary).toContain(catalog["measureDefinition.gap"]);
        expect(dictionary).toContain(catalog["openData.unit.usd"]);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, `open-data-${lang}`);

        const csv = await downloaded(page, () => page.getByTestId("get-initiatives-csv").click());
        const all = await api<InitiativeList>(portal, "/initiatives?limit=500");
        expect(csv.text.trim().split("\r\n")).toHaveLength(all.page.total + 1);
        await context.close();
      });
    }
  },
);
