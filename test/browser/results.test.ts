import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  api,
  chromiumMissing,
  FOCAL_GT,
  type Portal,
  screenshot,
  seriousViolations,
  settle,
  signIn,
  startPortal,
} from "./support.ts";

interface Framework {
  data: Array<{ code: string; actuals: Array<{ year: number; value: string }> }>;
}

describe.skipIf(chromiumMissing)("results in the browser", { timeout: 180_000 }, () => {
  let portal: Portal;
  let initiativeId = "";
  beforeAll(async () => {
    portal = await startPortal();
    initiativeId = (await api<{ id: string }>(portal, "/initiatives/BE1")).id;
  }, 600_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("a focal point reports an actual; errors appear under the field first", async () => {
    const { context, page } = await signIn(portal, FOCAL_GT);
    await page.goto(`${portal.url}/workspace/initiatives/BE1/results?lang=en`);
    const form = page.getByTestId("report-OUT-1");
    await form.waitFor();
    await form.getByRole("button", { name: en["results.report"] }).click();
    // Nothing reported: each missing field says so under itself.
    const year = form.getByRole("textbox", { name: new RegExp(`^${en["results.year"]}`) });
    await expect.poll(() => year.getAttribute("aria-invalid")).toBe("true");
    const evidence = form.getByRole("textbox", { name: new RegExp(`^${en["results.evidence"]}`) });
    expect(await evidence.getAttribute("aria-invalid")).toBe("true");
    await year.fill("2015");
    await form.getByRole("textbox", { name: /^Value/ }).fill("27");
    await evidence.fill("Municipal register of approved prevention plans, 2015");
    await form.getByRole("button", { name: en["results.report"] }).click();
    await page.getByTestId("actual-reported").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();

    const framework = await api<Framework>(portal, `/initiatives/${initiativeId}/results`);
    const output = framework.data.find((i) => i.code === "OUT-1");
    expect(output?.actuals.map((a) => [a.year, a.value])).toContainEqual([2015, "27"]);
  });

  it("the initiative page lists the actual with its progress and the chart draws its year", async () => {
    const context = await portal.context();
    const page = await context.newPage();
    await page.goto(`${portal.url}/initiatives/${initiativeId}?lang=en`);
    const results = page.getByTestId("results-OUT-1");
    await results.waitFor();
    await settle(page);
    const row = results.getByTestId("actual-row").filter({ hasText: "2015" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Municipal register of approved prevention plans");
    // Against the next target (25 in 2016) from a baseline of 0: 27 ÷ 25 = 108 %, met.
    expect(await row.getByTestId("progress-badge").textContent()).toBe(
      en["results.statusPercent"]
        .replace("{status}", en["results.status.met"])
        .replace("{percent}", "108"),
    );
    // 2015 had neither a target nor an actual before: the chart's axis gains it now.
    const chart = results.locator(".chart");
    await expect
      .poll(() =>
        chart
          .locator("text")
          .filter({ hasText: /^2015$/ })
          .count(),
      )
      .toBeGreaterThan(0);
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    const label = await chart
      .locator("text")
      .filter({ hasText: /^2015$/ })
      .first()
      .boundingBox();
    if (!box || !label) throw new Error("no chart");
    // The tooltip above the 2015 label names the reported value (swept down the plot).
    const tooltip = results.locator(".chart-tooltip");
    let shown = "";
    for (let y = box.y + 50; y < label.y - 4 && !shown.includes("27"); y += 12) {
      await page.mouse.move(label.x + label.width / 2, y);
      await page.waitForTimeout(60);
      shown = (await tooltip.count()) > 0 ? ((await tooltip.first().textContent()) ?? "") : "";
    }
    expect(shown).toContain("2015");
    expect(shown).toContain(`${en["results.actualLine"]}: 27`);
    await screenshot(page, "results-initiative-en");

    await page.goto(`${portal.url}/initiatives/${initiativeId}?lang=es`);
    await page.getByTestId("results-OUT-1").waitFor();
    expect(await page.getByTestId("results-OUT-1").textContent()).toContain(
      es["results.status.met"],
    );
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("draws a country's sources apart and says the map's year and source", async () => {
    const context = await portal.context();
    const page = await context.newPage();
    // Honduras has the 2025 release's series and the 2011 Global Study's 2010 point.
    await page.goto(`${portal.url}/countries/HN?lang=en`);
    const series = page.getByTestId("country-series");
    await series.waitFor();
    await settle(page);
    expect(await page.getByTestId("series-break-note").textContent()).toBe(
      en["indicators.sourcesApart"].replace("{count}", "2"),
    );
    expect(await series.textContent()).toContain("2011 Global Study on Homicide");
    expect(await series.locator(".chart path[fill='none']").count()).toBeGreaterThan(1);

    await page.goto(`${portal.url}/countries?measure=indicator&lang=en`);
    const note = page.getByTestId("map-indicator-note");
    await note.waitFor();
    // Latest years of the 2025 release: Nicaragua 2021 … Costa Rica 2023; one source named.
    await expect
      .poll(async () => (await note.textContent()) ?? "")
      .toContain(en["map.indicatorShown"].replace("{years}", "2021–2023"));
    expect(await note.textContent()).toContain("Our World in Data grapher homicide-rate-unodc");
    expect(await note.textContent()).not.toContain("2011 Global Study");
    await page.getByTestId("countries-compared").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("uploads an observations CSV: each bad row named, nothing imported until skipped", async () => {
    const { context, page } = await signIn(portal, FOCAL_GT);
    await page.goto(`${portal.url}/workspace?lang=en`);
    await page.getByRole("link", { name: en["csv.nav"] }).click();
    await page.waitForURL(/\/workspace\/indicators\/import/);
    await settle(page);
    const csv = [
      "indicator,country,year,value,source,notes",
      "homicide_rate,GT,2024,16.1,Ministerio de Gobernación (preliminar),Not UNODC",
      "homicide_rate,GT,2025,1O.2,Ministerio de Gobernación (preliminar),",
      "homicide_rate,HN,2024,25.0,Secretaría de Seguridad (preliminar),",
    ].join("\n");
    await page.locator('input[type="file"]').setInputFiles({
      name: "values.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    const preview = page.getByTestId("csv-preview");
    await preview.waitFor();
    expect(await preview.textContent()).toContain(
      en["csv.summary"].replace("{rows}", "3").replace("{valid}", "1").replace("{invalid}", "2"),
    );
    // One row per problem: its line (the header is line 1), its column, what is wrong.
    const problems = await page
      .getByTestId("csv-problems")
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows.map((row) => Array.from(row.querySelectorAll("td"), (cell) => cell.textContent)),
      );
    expect(problems).toEqual([
      ["3", "value", en["csv.code.observation_value"].replace("{value}", "1O.2")],
      ["4", "country", en["csv.code.observation_country_refused"].replace("{value}", "HN")],
    ]);
    // A file with problems imports nothing unless its bad rows are skipped.
    const importButton = page.getByRole("button", {
      name: en["csv.import"].replace("{count}", "1"),
    });
    expect(await importButton.isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel(en["csv.skip"].replace("{count}", "2")).check();
    await importButton.click();
    const done = page.getByTestId("csv-done");
    await done.waitFor();
    expect(await done.textContent()).toContain(en["csv.done"]);
    await context.close();

    const values = await api<{ data: Array<{ year: number; value: string; source: string }> }>(
      portal,
      "/indicators/homicide_rate/observations?country=GT&from_year=2024",
    );
    expect(values.data.map((o) => [o.year, o.value, o.source])).toEqual([
      [2024, "16.1", "Ministerio de Gobernación (preliminar)"],
    ]);
    const honduras = await api<{ data: unknown[] }>(
      portal,
      "/indicators/homicide_rate/observations?country=HN&from_year=2024",
    );
    expect(honduras.data).toEqual([]);
  });
});
