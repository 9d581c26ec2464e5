import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iatiFile } from "../../src/modules/iati/iati-xml.fixtures.ts";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  api,
  chromiumMissing,
  FOCAL_GT,
  PARTNER_IDB,
  type Portal,
  removeDir,
  SECRETARIAT,
  screenshot,
  seriousViolations,
  settle,
  signIn,
  startPortal,
  usd,
  visibleText,
} from "./support.ts";

const csrfOf = async (page: Page) =>
  ((await (await page.request.get("/api/auth/me")).json()) as { csrf_token: string }).csrf_token;

async function expectAccessible(page: Page, name: string) {
  await screenshot(page, name);
  for (const violation of await seriousViolations(page)) expect.fail(`${name}: ${violation}`);
}

async function switchLanguage(page: Page, label: string) {
  await page.getByTestId("language-switch").getByText(label, { exact: true }).click();
  await page.locator(`html[lang="${label === "Español" ? "es" : "en"}"]`).waitFor();
}

type Cell = ExcelJS.CellValue;
const text = (value: Cell) => (value === null || value === undefined ? "" : String(value));

describe.skipIf(chromiumMissing)("data exchange in the browser", { timeout: 180_000 }, () => {
  let portal: Portal;
  let workDir: string;
  beforeAll(async () => {
    portal = await startPortal();
    workDir = mkdtempSync(join(tmpdir(), "esca-exchange-"));
  }, 240_000);
  afterAll(async () => {
    await portal?.stop();
    if (workDir) removeDir(workDir);
  });

  /** Downloads the workbook from the page, and changes title_en of one initiative in it. */
  async function downloadAndEdit(page: Page, dataRow: number, suffix: string) {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: en["spreadsheets.download"] }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.getWorksheet("Initiatives");
    const flows = workbook.getWorksheet("Support flows");
    if (!sheet || !flows) throw new Error("the workbook lacks its sheets");
    const header = (sheet.getRow(1).values as Cell[]).map(text);
    const row = sheet.getRow(dataRow);
    const code = text(row.getCell(header.indexOf("Code")).value);
    const titleCell = row.getCell(header.indexOf("Title (English)"));
    const before = text(titleCell.value);
    const after = `${before} ${suffix}`;
    titleCell.value = after;
    const path = join(workDir, `portfolio-${dataRow}.xlsx`);
    writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
    const rows = sheet.actualRowCount - 1 + (flows.actualRowCount - 1);
    return { path, code, before, after, rows };
  }

  async function preview(page: Page, path: string) {
    await page.locator("input[type=file]").setInputFiles(path);
    await page.getByRole("button", { name: en["spreadsheets.preview"], exact: true }).click();
    await page.getByTestId("plan-count-changed").waitFor();
  }

  it("the secretariat downloads the workbook, changes one field offline, sees exactly that change and applies it", async () => {
    const { context, page } = await signIn(portal, SECRETARIAT);
    await page.getByRole("link", { name: en["workspace.spreadsheets"] }).click();
    await settle(page);
    const edit = await downloadAndEdit(page, 2, "(edited offline)");

    await preview(page, edit.path);
    const count = (action: string) => visibleText(page.getByTestId(`plan-count-${action}`));
    expect(await count("changed")).toBe("1");
    expect(await count("added")).toBe("0");
    expect(await count("error")).toBe("0");
    expect(await count("unchanged")).toBe(String(edit.rows - 1));
    const changes = page.getByTestId("plan-change");
    expect(await changes.count()).toBe(1);
    expect(await changes.getAttribute("data-field")).toBe("title_en");
    expect(await visibleText(changes)).toBe(`Title (English) ${edit.before} → ${edit.after}`);
    const changedRow = page.getByRole("row", { name: new RegExp(`\\b${edit.code}\\b`) });
    expect(await visibleText(changedRow)).toContain(en["spreadsheets.action.changed"]);

    await expectAccessible(page, "workspace-spreadsheet-preview-en");
    await switchLanguage(page, "Español");
    expect(await visibleText(page.locator("h1"))).toBe(es["spreadsheets.title"]);
    await expectAccessible(page, "workspace-spreadsheet-preview-es");
    await switchLanguage(page, "English");

    await page.getByRole("button", { name: /^Apply the changes \(1\)/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog
      .getByRole("button", { name: en["spreadsheets.applyConfirm"], exact: true })
      .click();
    await page.getByTestId("apply-result").waitFor();
    const after = (await (
      await page.request.get(`/api/initiatives/${encodeURIComponent(edit.code)}`)
    ).json()) as { title: { en: string } };
    expect(after.title.en).toBe(edit.after);
    await expectAccessible(page, "workspace-spreadsheet-applied-en");
    await context.close();
  });

  it("a preview that went stale is refused on apply, said so, and a new preview shows why", async () => {
    const { context, page } = await signIn(portal, SECRETARIAT);
    await page.goto(`${portal.url}/workspace/spreadsheets?lang=en`);
    await settle(page);
    const edit = await downloadAndEdit(page, 3, "(stale edit)");
    await preview(page, edit.path);
    expect(await visibleText(page.getByTestId("plan-count-changed"))).toBe("1");

    // Someone changes the same initiative in ESCA Hub meanwhile.
    const url = `/api/initiatives/${encodeURIComponent(edit.code)}`;
    const { version } = (await (await page.request.get(url)).json()) as { version: number };
    const changed = await page.request.patch(url, {
      data: { version, title: { es: "Cambiada entretanto" } },
      headers: { "x-csrf-token": await csrfOf(page) },
    });
    expect(changed.status(), await changed.text()).toBe(200);

    await page.getByRole("button", { name: /^Apply the changes \(1\)/ }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: en["spreadsheets.applyConfirm"], exact: true })
      .click();
    const stale = page.getByTestId("stale-plan");
    await stale.waitFor();
    expect(await visibleText(stale)).toContain(en["spreadsheets.staleTitle"]);
    const unchanged = (await (await page.request.get(url)).json()) as { title: { en: string } };
    expect(unchanged.title.en).toBe(edit.before);

    await stale.getByRole("button", { name: en["spreadsheets.previewAgain"] }).click();
    await page.getByTestId("plan-error").first().waitFor();
    expect(await visibleText(page.getByTestId("plan-count-error"))).toBe("1");
    expect(await visibleText(page.getByTestId("plan-error"))).toMatch(/^Version: /);
    await context.close();
  });

  it("offers the spreadsheet page to the roles the API admits, and only to them", async () => {
    const partner = await signIn(portal, PARTNER_IDB);
    await partner.page.getByRole("link", { name: en["workspace.spreadsheets"] }).waitFor();
    await partner.context.close();
    const focal = await signIn(portal, FOCAL_GT);
    await settle(focal.page);
    const nav = focal.page.getByRole("navigation", { name: en["workspace.nav"] });
    expect(await nav.getByRole("link", { name: en["workspace.spreadsheets"] }).count()).toBe(0);
    await nav.getByRole("link", { name: en["workspace.reconciliation"] }).waitFor();
    await focal.page.goto(`${portal.url}/workspace/spreadsheets?lang=en`);
    await focal.page.getByText(en["spreadsheets.notAllowed"]).waitFor();
    expect(await focal.page.getByRole("button", { name: en["spreadsheets.preview"] }).count()).toBe(
      0,
    );
    const refused = await focal.page.request.get("/api/spreadsheets/portfolio.xlsx");
    expect(refused.status()).toBe(403);
    await focal.context.close();
  });

  it("the reconciliation page says so when no IATI publication has been imported", async () => {
    const context = await portal.context();
    const page = await context.newPage();
    await page.goto(`${portal.url}/reconciliation?lang=en`);
    await settle(page);
    expect(await visibleText(page.getByTestId("reconciliation-empty"))).toContain(
      en["reconciliation.emptyTitle"],
    );
    await expectAccessible(page, "reconciliation-empty-en");
    await context.close();
  });

  it("after an IATI import the reconciliation page shows the API's differences, per threshold, with the API's CSV", async () => {
    const { context: staff, page: staffPage } = await signIn(portal, SECRETARIAT);
    const headers = { "x-csrf-token": await csrfOf(staffPage) };
    const xml = iatiFile("XM-DAC-99", [
      {
        id: "XM-DAC-99-1",
        related: "AC1",
        transactions: [{ type: 2, date: "2012-02-01", amount: "800000" }],
      },
      {
        id: "XM-DAC-99-2",
        transactions: [{ type: 3, date: "2013-03-01", amount: "1000", currency: "EUR" }],
      },
    ]);
    const imported = await staffPage.request.post("/api/iati/imports?wait=true", {
      headers,
      multipart: {
        file: { name: "donor.xml", mimeType: "application/xml", buffer: Buffer.from(xml) },
      },
    });
    expect(imported.status(), await imported.text()).toBe(200);
    // An officer also typed in a pledge the partner has not published.
    const partners = await api<{ data: { id: string; iati_org_id: string | null }[] }>(
      portal,
      "/organizations?limit=500",
    );
    const donor = partners.data.find((o) => o.iati_org_id === "XM-DAC-99");
    const ac1 = await api<{ id: string }>(portal, "/initiatives/AC1");
    const pledge = await staffPage.request.post("/api/flows", {
      headers,
      data: {
        flow_type: "pledge",
        support_kind: "financial",
        partner_id: donor?.id,
        initiative_id: ac1.id,
        value: { amount: "50000.00", currency: "USD" },
        value_date: "2012-05-01",
      },
    });
    expect(pledge.status(), await pledge.text()).toBe(201);
    await staff.close();

    type Differences = {
      data: Array<{ initiative: { code: string } | null; difference_usd: string }>;
    };
    const all = await api<Differences>(portal, "/reconciliation?threshold=1.00");
    expect(all.data.length).toBeGreaterThanOrEqual(2);
    const context = await portal.context();
    const page = await context.newPage();
    await page.goto(`${portal.url}/reconciliation?lang=en`);
    await settle(page);
    const table = page.locator("section", {
      has: page.getByRole("heading", { name: en["reconciliation.differences"] }),
    });
    expect(await table.locator("tbody tr").count()).toBe(all.data.length);
    for (const difference of all.data) {
      const label = difference.initiative?.code ?? en["reconciliation.unlinked"];
      const row = table.locator("tbody tr", { hasText: label }).filter({
        hasText: usd("en", difference.difference_usd),
      });
      expect(await row.count(), `${label} ${difference.difference_usd}`).toBe(1);
    }

    await page.getByRole("textbox", { name: /^Threshold/ }).fill("2000");
    await page.waitForURL(/threshold=2000/);
    await settle(page);
    const above = await api<Differences>(portal, "/reconciliation?threshold=2000");
    expect(above.data.length).toBeLessThan(all.data.length);
    expect(await table.locator("tbody tr").count()).toBe(above.data.length);
    expect(await visibleText(page.getByTestId("reconciliation-count"))).toContain(
      String(above.data.length),
    );

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("reconciliation-csv").click(),
    ]);
    const fromApi = await (
      await fetch(`${portal.url}/api/reconciliation.csv?threshold=2000`)
    ).text();
    expect(readFileSync(await download.path(), "utf8")).toBe(fromApi);
    await expectAccessible(page, "reconciliation-en");

    await page.goto(`${portal.url}/reconciliation?lang=es&threshold=2000`);
    await settle(page);
    expect(await visibleText(page.locator("h1"))).toBe(es["reconciliation.title"]);
    await expectAccessible(page, "reconciliation-es");
    await context.close();
  });
});
