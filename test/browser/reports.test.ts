import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  chromiumMissing,
  type Portal,
  SECRETARIAT,
  seriousViolations,
  settle,
  signIn,
  startPortal,
  visibleText,
} from "./support.ts";

/**
 * The secretariat issues the report from the workspace and watches it render; the public
 * finds it on /reports with the hash of the very bytes it downloads, in both languages.
 */
describe.skipIf(chromiumMissing)("reports in the browser", { timeout: 240_000 }, () => {
  let portal: Portal;
  let issuedHash = "";
  beforeAll(async () => {
    portal = await startPortal();
  }, 300_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("the secretariat issues a report and sees its stage, then its file and hash", async () => {
    const { context, page } = await signIn(portal, SECRETARIAT);
    await page.getByRole("link", { name: en["reports.issue.nav"] }).click();
    await settle(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: en["reports.issue.submit"] }).click();
    await page.getByText(en["reports.stage.done"]).waitFor({ timeout: 120_000 });
    const result = await visibleText(page.locator("main"));
    expect(result).toMatch(/OEA\/Ser\.G CP\/doc\. \d+\/\d\d/);
    issuedHash = /[0-9a-f]{64}/.exec(result)?.[0] ?? "";
    expect(issuedHash).toHaveLength(64);
    expect(await page.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  for (const [lang, catalog] of [
    ["en", en],
    ["es", es],
  ] as const) {
    it(`the public lists it with the hash of the bytes it downloads (${lang})`, async () => {
      const context = await portal.context();
      const page = await context.newPage();
      await page.goto(`/reports?lang=${lang}`);
      await settle(page);
      const main = await visibleText(page.locator("main"));
      expect(main).toContain(catalog["reports.title"]);
      expect(main).toContain(issuedHash);
      expect(main).toContain(catalog["reports.lang.es"]);
      const link = page.getByRole("link", { name: catalog["reports.download"] }).first();
      const href = (await link.getAttribute("href")) ?? "";
      const file = await page.request.get(href);
      expect(file.status()).toBe(200);
      expect(
        createHash("sha256")
          .update(await file.body())
          .digest("hex"),
      ).toBe(issuedHash);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
