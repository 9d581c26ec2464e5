import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  chromiumMissing,
  type Portal,
  SECRETARIAT,
  screenshot,
  seriousViolations,
  settle,
  signIn,
  startPortal,
  visibleText,
} from "./support.ts";

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

/**
 * A published initiative's history read by the public in words (labels, no e-mail), and the
 * secretariat's audit page: filters, then the chain verified, in Spanish and English.
 */
describe.skipIf(chromiumMissing)("the audit trail in words", { timeout: 240_000 }, () => {
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
    it(`shows the public a published initiative's history in words, with no person (${lang})`, async () => {
      const context = await portal.context();
      const page = await context.newPage();
      await page.goto(`/initiatives/AA1?lang=${lang}`);
      await settle(page);
      const history = page.getByTestId("audit-history");
      await history.waitFor();
      const text = await visibleText(history);
      expect(text).toContain(catalog["audit.changed"]);
      // The demo publishes its initiatives: that change reads in words, not as a column.
      expect(text).toContain(catalog["auditAction.update"]);
      expect(text).toContain(catalog["auditField.published_at"]);
      expect(text).not.toContain("published_at");
      expect(text).not.toMatch(EMAIL);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `audit-history-${lang}`);
      await context.close();
    });

    it(`lets the secretariat filter the trail and verify the chain (${lang})`, async () => {
      const { context, page } = await signIn(portal, SECRETARIAT);
      await page.goto(`/workspace/audit?lang=${lang}`);
      await settle(page);
      await page.getByRole("heading", { name: catalog["audit.browser.title"] }).first().waitFor();
      const entries = page.getByTestId("audit-entries");
      await entries.waitFor();
      await page.getByRole("combobox", { name: catalog["audit.filter.table"] }).click();
      await page
        .getByRole("option", { name: catalog["auditTable.initiatives"], exact: true })
        .click();
      await settle(page);
      const rows = entries.locator("tbody tr");
      expect(await rows.count()).toBeGreaterThan(0);
      for (const row of await rows.all()) {
        expect(await visibleText(row.locator("td").nth(3))).toContain(
          catalog["auditTable.initiatives"],
        );
      }
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole("button", { name: catalog["audit.verify.run"] }).click();
      const verdict = page.getByTestId("chain-verdict");
      await verdict.waitFor();
      const said = await visibleText(verdict);
      const intact = catalog["audit.verify.ok"].split("{rows}")[0] ?? "";
      expect(said).toContain(intact);
      expect(said).toMatch(/[0-9a-f]{64}/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `audit-browser-${lang}`);
      await context.close();
    });
  }
});
