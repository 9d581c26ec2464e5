import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iatiFile } from "../../src/modules/iati/iati-xml.fixtures.ts";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  chromiumMissing,
  PARTNER_IDB,
  type Portal,
  SECRETARIAT,
  screenshot,
  seriousViolations,
  settle,
  signIn,
  startPortal,
  visibleText,
} from "./support.ts";

// Large enough that the import runs for a few seconds, so its progress is on screen.
const ACTIVITIES = 1500;
const id = (n: number) => `XM-BROWSER-${String(n).padStart(4, "0")}`;
const file = iatiFile(
  "XM-BROWSER",
  Array.from({ length: ACTIVITIES }, (_, n) => ({
    id: id(n),
    // The first names a demo initiative itself; the others wait for the secretariat's mapping.
    ...(n === 0 ? { related: "XI-IATI-ESCA-AA1" } : {}),
    transactions: [
      { type: 2, date: "2012-02-01", amount: "1000" },
      { type: 3, date: "2012-03-01", amount: "250" },
      // No euro rate covers 1990: a warning for this row, which stays out of the ledger.
      ...(n === 1 ? [{ type: 3, date: "1990-01-01", amount: "10", currency: "EUR" }] : []),
    ],
  })),
);
// The third activity's sectors add up to 90 %: an IATI rule warning, worded in the reader's
// language from the problem's code.
const SECTOR = '<sector vocabulary="1" code="15210" percentage="100"/>';
const sectorAt = file.indexOf(SECTOR, file.indexOf(`<iati-identifier>${id(2)}<`));
const publication = `${file.slice(0, sectorAt)}${SECTOR.replace("100", "90")}${file.slice(sectorAt + SECTOR.length)}`;
const unvaluedLine = publication.split("\n").findIndex((line) => line.includes("1990-01-01")) + 1;
const FILE = "browser-publication.xml";

/** A catalog sentence filled in, as the web's t() does (i18n.tsx is JSX, outside this build). */
const interpolate = (sentence: string, values: Record<string, string>) =>
  sentence.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

async function expectAccessible(page: Page, name: string) {
  await screenshot(page, name);
  for (const violation of await seriousViolations(page)) expect.fail(`${name}: ${violation}`);
}

/** The links page's filter: its radio inputs are hidden behind their labels. */
const filter = (page: Page, label: string) =>
  page.locator(".mantine-SegmentedControl-root").getByText(label, { exact: true }).click();

/** Uploads the publication with one of the two buttons, then follows the job to its end. */
async function runJob(page: Page, button: string) {
  await page.locator("input[type=file]").setInputFiles({
    name: FILE,
    mimeType: "application/xml",
    buffer: Buffer.from(publication),
  });
  // The upload's own bar may be on screen for a moment only: note every state it shows.
  await page.evaluate(`(() => {
    window.uploadBars = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="upload-progress"] [role="progressbar"]');
      if (bar) window.uploadBars.push(bar.getAttribute("aria-label") + " · " + bar.getAttribute("aria-valuetext"));
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
  await page.getByRole("button", { name: button, exact: true }).click();
  // Live progress over SSE: the bar moves (the upload's answer alone shows it at 0 %). The bar
  // and its byte count are read in one go, in the page, before the report replaces them.
  const moved = await page.waitForFunction(
    `(() => {
      const bar = document.querySelector('[role="progressbar"][aria-label="Progress of ${FILE}"]');
      const percent = Number(bar?.getAttribute("aria-valuenow") ?? 0);
      const bytes = document.querySelector('[data-testid="import-bytes"]')?.textContent;
      return percent > 0 && bytes ? { percent, bytes } : null;
    })()`,
    null,
    { timeout: 60_000, polling: 50 },
  );
  const { percent, bytes } = (await moved.jsonValue()) as { percent: number; bytes: string };
  expect(percent).toBeLessThanOrEqual(100);
  expect(bytes).toMatch(/ of 1\.\d MB read$/);
  const uploadBars = (await page.evaluate("window.uploadBars")) as string[];
  expect(uploadBars.length).toBeGreaterThan(0);
  for (const bar of uploadBars)
    expect(bar).toMatch(/^Upload of browser-publication\.xml · \d+ % uploaded$/);
  await page.locator('[data-testid="import-job"][data-job-status="succeeded"]').waitFor({
    timeout: 120_000,
  });
  await page.getByTestId("import-report").waitFor();
  return new URL(page.url()).searchParams.get("job") ?? "";
}

describe.skipIf(chromiumMissing)("IATI import in the browser", { timeout: 240_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 240_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("the secretariat checks a file with a dry run, then imports it, following each job live to its report", async () => {
    const { context, page } = await signIn(portal, SECRETARIAT);
    await page
      .getByRole("navigation", { name: en["workspace.nav"] })
      .getByRole("link", { name: en["iati.nav.import"] })
      .click();
    await page.getByRole("heading", { name: en["iati.title"], level: 1 }).waitFor();

    const dryRun = await runJob(page, en["iati.dryRun"]);
    await page.getByText(en["iati.done.dryRun"]).waitFor();
    expect(await visibleText(page.getByTestId("count-activities"))).toBe("1,500");
    expect(await visibleText(page.getByTestId("count-transactions"))).toBe("3,001");
    expect(await visibleText(page.getByTestId("count-linked"))).toBe("1");
    expect(await visibleText(page.getByTestId("count-missingRates"))).toBe("1");
    // The report names the activity, the line and what is wrong.
    const problem = page
      .getByRole("table", { name: en["iati.report.problems"] })
      .getByRole("row", { name: new RegExp(id(1)) })
      .filter({ hasText: en["iati.kind.rate"] });
    expect(await visibleText(problem)).toContain(String(unvaluedLine));
    expect(await visibleText(problem)).toContain(en["iati.severity.warning"]);
    expect(await visibleText(problem)).toContain(
      interpolate(en["iatiProblem.no_rate"], { currency: "EUR", date: "1990-01-01" }),
    );
    // Nothing was saved by the dry run.
    const before = await page.request.get("/api/iati/publications");
    expect(((await before.json()) as { data: unknown[] }).data).toEqual([]);

    const imported = await runJob(page, en["iati.import"]);
    expect(imported).not.toBe(dryRun);
    await page.getByText(en["iati.done.import"]).waitFor();
    expect(await visibleText(page.getByTestId("count-flowsRecorded"))).toBe("2");
    const after = await page.request.get("/api/iati/publications");
    expect(await after.json()).toMatchObject({
      data: [{ publisher_ref: "XM-BROWSER", activity_count: ACTIVITIES, linked_count: 1 }],
    });

    // Both jobs are in the history, newest first, and each opens its report again.
    await settle(page);
    const history = page.getByRole("table", { name: en["iati.history.title"] });
    const rows = history.locator("tbody tr");
    expect(await rows.count()).toBe(2);
    expect(await visibleText(rows.nth(0))).toContain(en["iati.mode.import"]);
    expect(await visibleText(rows.nth(1))).toContain(en["iati.mode.dryRun"]);
    for (const n of [0, 1]) {
      expect(await visibleText(rows.nth(n))).toContain(FILE);
      expect(await visibleText(rows.nth(n))).toContain(en["iati.status.succeeded"]);
    }
    await rows.nth(1).getByRole("button", { name: en["iati.history.open"] }).click();
    await page.waitForURL((url) => url.searchParams.get("job") === dryRun);
    await page.getByText(en["iati.done.dryRun"]).waitFor();
    await settle(page);
    await expectAccessible(page, "workspace-iati-import-en");

    await page.goto(`${portal.url}/workspace/iati?lang=es&job=${imported}`);
    await page.getByRole("heading", { name: es["iati.title"], level: 1 }).waitFor();
    await page.getByText(es["iati.done.import"]).waitFor();
    await settle(page);
    expect(await visibleText(page.getByTestId("count-activities"))).toBe(
      new Intl.NumberFormat("es-419").format(ACTIVITIES),
    );
    // The report's problems in Spanish, from their codes: a rule and a missing rate.
    const report = page.getByRole("table", { name: es["iati.report.problems"] });
    const rule = report
      .getByRole("row", { name: new RegExp(id(2)) })
      .filter({ hasText: es["iati.kind.rule"] });
    expect(await visibleText(rule)).toContain(
      interpolate(es["iatiProblem.sector_sum"], { vocabulary: "1", total: "90" }),
    );
    expect(await visibleText(report.getByRole("row", { name: new RegExp(id(1)) }))).toContain(
      interpolate(es["iatiProblem.no_rate"], { currency: "EUR", date: "1990-01-01" }),
    );
    await expectAccessible(page, "workspace-iati-import-es");
    await context.close();
  });

  it("the secretariat maps an imported activity to an initiative on the links page", async () => {
    const { context, page } = await signIn(portal, SECRETARIAT);
    await page
      .getByRole("navigation", { name: en["workspace.nav"] })
      .getByRole("link", { name: en["iati.nav.links"] })
      .click();
    await page.getByRole("heading", { name: en["iati.links.pageTitle"], level: 1 }).waitFor();
    await settle(page);
    await filter(page, en["iati.links.linked"]);
    await settle(page);
    const linked = page.getByRole("table", { name: en["iati.links.activitiesTitle"] });
    expect(await visibleText(linked.locator("tbody"))).toContain(id(0));
    expect(await visibleText(linked.locator("tbody"))).toContain(
      en["iati.links.source.related-activity"],
    );

    await filter(page, en["iati.links.all"]);
    await page.getByRole("textbox", { name: en["iati.links.search"] }).fill(id(7));
    await page.getByRole("button", { name: en["iati.links.searchButton"] }).click();
    await settle(page);
    await page.getByRole("button", { name: `Edit the link of ${id(7)}` }).click();
    await page
      .getByRole("dialog")
      .getByRole("combobox", { name: /^Initiative/ })
      .click();
    await page.getByRole("option", { name: /^AA1 · / }).click();
    await page.getByRole("button", { name: en["iati.links.save"] }).click();
    await page.getByTestId("link-saved").waitFor();
    expect(await visibleText(page.getByTestId("link-saved"))).toContain(
      "Imported activities re-linked: 1. Ledger entries recorded: 2; reversed: 0.",
    );
    await settle(page);
    // The table refetches after the save: wait for the row to show the new link.
    const row = page
      .getByRole("row", { name: new RegExp(id(7)) })
      .filter({ hasText: en["iati.links.source.mapping"] })
      .first();
    await row.waitFor();
    expect(await visibleText(row)).toContain(en["iati.links.source.mapping"]);
    expect(await visibleText(row)).toContain("AA1");
    await expectAccessible(page, "workspace-iati-links-en");

    await page.goto(`${portal.url}/workspace/iati/links?lang=es`);
    await page.getByRole("heading", { name: es["iati.links.pageTitle"], level: 1 }).waitFor();
    await settle(page);
    await page
      .getByRole("table", { name: es["iati.links.mappingsTitle"] })
      .getByText(id(7))
      .waitFor();
    await expectAccessible(page, "workspace-iati-links-es");
    await context.close();
  });

  it("a partner imports only its own organization's publication and sees only its own jobs", async () => {
    const { context, page } = await signIn(portal, PARTNER_IDB);
    const nav = page.getByRole("navigation", { name: en["workspace.nav"] });
    expect(await nav.getByRole("link", { name: en["iati.nav.links"] }).count()).toBe(0);
    await nav.getByRole("link", { name: en["iati.nav.import"] }).click();
    await page.getByRole("heading", { name: en["iati.title"], level: 1 }).waitFor();
    await settle(page);
    await page
      .getByText(/^Your organisation's publication \(Inter-American Development Bank\)/)
      .waitFor();
    const history = page.getByRole("table", { name: en["iati.history.title"] });
    expect(await visibleText(history.locator("tbody"))).toBe(en["table.empty"]);
    // Another publisher's file: the job fails with the API's reason, in the partner's history.
    await page.locator("input[type=file]").setInputFiles({
      name: "not-ours.xml",
      mimeType: "application/xml",
      buffer: Buffer.from(publication),
    });
    await page.getByRole("button", { name: en["iati.dryRun"], exact: true }).click();
    await page.locator('[data-testid="import-job"][data-job-status="failed"]').waitFor();
    expect(await visibleText(page.getByTestId("import-error"))).toMatch(
      /Only XM-BROWSER's own officers or the secretariat/,
    );
    await settle(page);
    expect(await history.locator("tbody tr").count()).toBe(1);
    await context.close();
  });
});
