import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  chromiumMissing,
  PARTNER_IDB,
  type Portal,
  removeDir,
  screenshot,
  seriousViolations,
  settle,
  signIn,
  startPortal,
  visibleText,
} from "./support.ts";

type Cell = ExcelJS.CellValue;
/** The catalogs' "{name}" placeholders filled in, as the page does. */
const interpolate = (sentence: string, values: Record<string, string>) =>
  sentence.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
const text = (value: Cell) => (value === null || value === undefined ? "" : String(value));

async function expectAccessible(page: Page, name: string) {
  await screenshot(page, name);
  for (const violation of await seriousViolations(page)) expect.fail(`${name}: ${violation}`);
}

async function switchLanguage(page: Page, label: "Español" | "English") {
  await page.getByTestId("language-switch").getByText(label, { exact: true }).click();
  await page.locator(`html[lang="${label === "Español" ? "es" : "en"}"]`).waitFor();
}

describe.skipIf(chromiumMissing)(
  "a partner's workbook round-trip in the browser",
  { timeout: 180_000 },
  () => {
    let portal: Portal;
    let workDir: string;
    beforeAll(async () => {
      portal = await startPortal();
      workDir = mkdtempSync(join(tmpdir(), "esca-sheet-"));
    }, 240_000);
    afterAll(async () => {
      await portal?.stop();
      if (workDir) removeDir(workDir);
    });

    it("downloads in its language, and the preview names the other organization's row it refuses (es, en)", async () => {
      const { context, page } = await signIn(portal, PARTNER_IDB);
      await page.goto(`${portal.url}/workspace/spreadsheets?lang=es`);
      await settle(page);
      expect(await visibleText(page.locator("h1"))).toBe(es["spreadsheets.title"]);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: es["spreadsheets.download"] }).click(),
      ]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await download.path());
      expect(book.worksheets.map((s) => s.name)).toEqual([
        "Guía",
        "Iniciativas",
        "Flujos de apoyo",
        "Listas",
      ]);
      const flows = book.getWorksheet("Flujos de apoyo");
      if (!flows) throw new Error("no flows sheet");
      const header = (flows.getRow(1).values as Cell[]).map(text);
      const partnerAt = header.indexOf("Socio");
      const amountAt = header.indexOf("Monto");
      expect(partnerAt).toBeGreaterThan(0);
      // Another organization's entry with an amount: shown, protected, and refused if edited.
      let otherRow = 0;
      let otherPartner = "";
      flows.eachRow((row, number) => {
        const partner = text(row.getCell(partnerAt).value);
        if (
          !otherRow &&
          number > 1 &&
          partner &&
          partner !== "IDB" &&
          row.getCell(amountAt).value
        ) {
          otherRow = number;
          otherPartner = partner;
        }
      });
      expect(otherRow).toBeGreaterThan(1);
      const cell = flows.getRow(otherRow).getCell(amountAt);
      expect(cell.protection?.locked).not.toBe(false);
      cell.value = text(cell.value) === "7654321.00" ? "7654322.00" : "7654321.00";
      const path = join(workDir, "other-partner.xlsx");
      writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()));

      await page.locator("input[type=file]").setInputFiles(path);
      await page.getByRole("button", { name: es["spreadsheets.preview"], exact: true }).click();
      await page.getByTestId("plan-error").first().waitFor();
      expect(await visibleText(page.getByTestId("plan-count-error"))).toBe("1");
      expect(await visibleText(page.getByTestId("plan-count-changed"))).toBe("0");
      const problem = interpolate(es["validation.workbook_flow_not_yours"], {
        partner: otherPartner,
      });
      expect(await visibleText(page.getByTestId("plan-error"))).toBe(
        interpolate(es["workspace.fieldError"], { field: "Socio", message: problem }),
      );
      const refusedRow = page.getByRole("row").filter({ has: page.getByTestId("plan-error") });
      expect(await visibleText(refusedRow)).toContain(String(otherRow));
      await page.getByText(es["spreadsheets.fixErrorsTitle"]).waitFor();
      const applyLabel = es["spreadsheets.apply"].split(" (")[0] ?? "";
      expect(await page.getByRole("button", { name: applyLabel }).count()).toBe(0);
      await expectAccessible(page, "workspace-spreadsheet-refused-es");

      await switchLanguage(page, "English");
      expect(await visibleText(page.getByTestId("plan-error"))).toBe(
        interpolate(en["workspace.fieldError"], {
          field: "Partner",
          message: interpolate(en["validation.workbook_flow_not_yours"], {
            partner: otherPartner,
          }),
        }),
      );
      await expectAccessible(page, "workspace-spreadsheet-refused-en");

      // The English page's workbook is in English.
      const english = await page.request.get(
        (await page
          .getByRole("link", { name: en["spreadsheets.download"] })
          .getAttribute("href")) ?? "",
      );
      const englishBook = new ExcelJS.Workbook();
      await englishBook.xlsx.load((await english.body()) as unknown as ArrayBuffer);
      expect(englishBook.worksheets.map((s) => s.name)).toEqual([
        "Guide",
        "Initiatives",
        "Support flows",
        "Lists",
      ]);
      await context.close();
    });
  },
);
