import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  usd,
  visibleText,
} from "./support.ts";

interface Totals {
  total: Record<string, string | null>;
  rows: {
    key: { component?: { code: string } };
    remainder: string | null;
    budget: string | null;
    committed: string;
  }[];
}

describe.skipIf(chromiumMissing)("public portal in the browser", { timeout: 120_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 240_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("shows on the dashboard exactly the totals of /api/funding/summary", async () => {
    const summary = await api<Totals>(portal, "/funding/summary");
    const context = await portal.context();
    const page = await context.newPage();
    await page.goto(`${portal.url}/?lang=en`);
    await settle(page);
    for (const measure of ["budget", "announced", "committed", "disbursed", "gap"] as const) {
      const amount = summary.total[measure];
      expect(amount, measure).toBeTruthy();
      const shown = await visibleText(page.getByTestId(`kpi-${measure}`));
      expect(shown, measure).toBe(usd("en", amount ?? ""));
      // Digit for digit the API's decimal, not a rounded or re-added figure.
      expect(shown.replace(/[^\d]/g, ""), measure).toBe(
        (amount ?? "").replace(/\.00$/, "").replace(/\D/g, ""),
      );
    }
    expect(await visibleText(page.getByTestId("kpi-coverage"))).toBe(
      `${summary.total.coverage_pct}%`,
    );
    await context.close();
  });

  it("switches every visible label between Spanish and English, and keeps the choice", async () => {
    const context = await portal.context({ locale: "es-GT" });
    const page = await context.newPage();
    // Each language's catalog is a chunk of its own, fetched when it is shown.
    const catalogs: string[] = [];
    page.on("request", (request) => {
      const chunk = /\/assets\/(es|en)-[\w-]+\.js$/.exec(request.url());
      if (chunk?.[1]) catalogs.push(chunk[1]);
    });
    await page.goto(`${portal.url}/`);
    await settle(page);
    await expect(visibleText(page.locator("h1"))).resolves.toBe(es["dashboard.title"]);
    expect(catalogs).toEqual(["es"]);
    const labels = [
      "nav.dashboard",
      "nav.initiatives",
      "nav.partners",
      "measure.committed",
      "measure.disbursed",
      "dashboard.byComponent",
      "dashboard.promisesGap",
      "sources.title",
      "footer.api",
    ] as const;
    const spanishText = await visibleText(page.locator("body"));
    for (const key of labels) expect(spanishText, key).toContain(es[key]);

    await page.getByText(en["lang.en"], { exact: true }).click();
    // The page switches once the English catalog has come.
    await page.locator('html[lang="en"]').waitFor({ state: "attached" });
    await settle(page);
    expect(catalogs).toEqual(["es", "en"]);
    const englishText = await visibleText(page.locator("body"));
    expect(await visibleText(page.locator("h1"))).toBe(en["dashboard.title"]);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    for (const key of labels) expect(englishText, key).toContain(en[key]);
    // No Spanish label is left on screen (those long enough not to occur by chance).
    const leftovers = Object.entries(es)
      .filter(
        ([key, text]) =>
          text !== en[key as keyof typeof en] && text.length >= 8 && !text.includes("{"),
      )
      .filter(([, text]) => englishText.includes(text));
    expect(leftovers).toEqual([]);

    // The choice is kept: a new visit without ?lang= stays in English.
    await page.goto(`${portal.url}/initiatives`);
    await settle(page);
    expect(await visibleText(page.locator("h1"))).toBe(en["initiatives.title"]);
    // ?lang= on any page selects the language.
    await page.goto(`${portal.url}/countries?lang=es`);
    await settle(page);
    expect(await visibleText(page.locator("h1"))).toBe(es["countries.title"]);
    await context.close();
  });

  it("downloads a table as CSV and XLSX with the same numbers as the API", async () => {
    const summary = await api<Totals>(portal, "/funding/summary?by=component");
    const context = await portal.context();
    const page = await context.newPage();
    await page.goto(`${portal.url}/?lang=en`);
    await settle(page);
    const section = page.locator("section", {
      has: page.getByRole("heading", { name: en["dashboard.byComponent"] }),
    });
    await section.getByRole("tab", { name: en["view.table"] }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      section
        .getByRole("button", { name: `Download “${en["dashboard.byComponent"]}” as CSV` })
        .click(),
    ]);
    const path = await download.path();
    const lines = readFileSync(path, "utf8")
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toContain("Budget (USD)");
    // The components' rows; their remainder rows (support to no initiative) follow each one.
    for (const row of summary.rows.filter((r) => r.remainder === null)) {
      const line = lines.find((l) =>
        l.replace(/^"/, "").startsWith(`${row.key.component?.code} ·`),
      );
      expect(line, lines.join("\n")).toBeDefined();
      expect(line, lines.join("\n")).toContain(`,${row.budget},`);
      expect(line, lines.join("\n")).toContain(`,${row.committed},`);
    }
    expect(lines.at(-1)).toContain(`,${summary.total.gap}`);

    const [xlsxDownload] = await Promise.all([
      page.waitForEvent("download"),
      section
        .getByRole("button", { name: `Download “${en["dashboard.byComponent"]}” as XLSX` })
        .click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsxDownload.path());
    const sheet = workbook.worksheets[0];
    const header = (sheet?.getRow(1).values ?? []) as unknown[];
    const budgetColumn = header.indexOf("Budget (USD)");
    expect(budgetColumn).toBeGreaterThan(0);
    summary.rows.forEach((row, index) => {
      const cell = sheet?.getRow(index + 2).getCell(budgetColumn).value;
      // A remainder row has no budget: its cell is empty.
      expect(cell ?? null).toBe(row.budget === null ? null : Number(row.budget));
    });
    await context.close();
  });

  it("passes axe (no serious or critical violation) on every main page in both languages, with screenshots", async () => {
    const initiatives = await api<{ data: { id: string }[] }>(
      portal,
      "/initiatives?limit=1&sort=-budget_usd",
    );
    const partner = await api<{ data: { id: string }[] }>(
      portal,
      "/organizations?kind=international_org&q=IDB",
    );
    const pages: [string, string][] = [
      ["dashboard", "/"],
      ["initiatives", "/initiatives?component=B"],
      ["initiative", `/initiatives/${initiatives.data[0]?.id}`],
      ["countries", "/countries"],
      ["country-gt", "/countries/GT"],
      ["partners", "/partners"],
      ["partner", `/partners/${partner.data[0]?.id}`],
      ["components", "/components"],
      ["component-b", "/components/B"],
      ["workspace-login", "/workspace"],
    ];
    const found: string[] = [];
    for (const lang of ["es", "en"] as const) {
      const context = await portal.context();
      const page = await context.newPage();
      for (const [name, path] of pages) {
        await page.goto(`${portal.url}${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
        await settle(page);
        await screenshot(page, `${name}-${lang}`);
        for (const violation of await seriousViolations(page))
          found.push(`${name} ${lang}: ${violation}`);
      }
      await context.close();
    }
    expect(found).toEqual([]);
  }, 300_000);

  it("fits a phone: the dashboard at 390 px has no horizontal scroll and a menu button", async () => {
    const context = await portal.context({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto(`${portal.url}/?lang=en`);
    await settle(page);
    const overflow = await page.evaluate(
      "document.documentElement.scrollWidth - window.innerWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: en["nav.openMenu"] }).click();
    // The menu slides in: wait for it (a throw here fails the test) rather than look once.
    await page
      .getByRole("dialog")
      .getByText(en["nav.initiatives"])
      .waitFor({ state: "visible", timeout: 10_000 });
    await page.keyboard.press("Escape");
    await screenshot(page, "dashboard-phone-en");
    for (const violation of await seriousViolations(page)) expect.fail(violation);
    await context.close();
  });

  it("opens a country page from the map, by keyboard", async () => {
    const context = await portal.context();
    const page = await context.newPage();
    await page.goto(`${portal.url}/countries?lang=en`);
    await settle(page);
    const honduras = page.locator('a[data-country="HN"]');
    await honduras.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/countries\/HN/);
    await settle(page);
    expect(await visibleText(page.locator("h1"))).toBe("Honduras");
    await context.close();
  });
});
