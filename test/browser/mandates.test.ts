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
  visibleText,
} from "./support.ts";

type Listed = { data: Array<{ id: string; paragraph: number }> };

/** ¶7 from the mandates list down to a disbursement, and back from DC1, in both languages. */
describe.skipIf(chromiumMissing)("mandates in the browser", { timeout: 180_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 240_000);
  afterAll(async () => {
    await portal?.stop();
  });

  for (const [lang, catalog] of [
    ["en", en],
    ["es", es],
  ] as const) {
    it(`walks ¶7 to a disbursement and back (${lang})`, async () => {
      const mandates = await api<Listed>(portal, "/mandates");
      const seventh = mandates.data.find((m) => m.paragraph === 7);
      expect(seventh).toBeDefined();
      const context = await portal.context();
      const page = await context.newPage();
      await page.goto(`/mandates?lang=${lang}`);
      await settle(page);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole("link", { name: "¶7", exact: true }).click();
      await settle(page);
      expect(page.url()).toContain(`/mandates/${seventh?.id}`);
      const detail = await visibleText(page.locator("main"));
      // The badge is set in capitals by the stylesheet.
      expect(detail.toLowerCase()).toContain(
        catalog["mandates.unofficialTranslation"].toLowerCase(),
      );
      expect(detail).toContain("To instruct the General Secretariat");
      expect(detail).toContain("Encomendar a la Secretaría General");
      expect(detail.toLowerCase()).toContain(catalog["mandates.status.in_progress"].toLowerCase());
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole("link", { name: catalog["mandates.openTrace"] }).click();
      await settle(page);
      expect(page.url()).toContain("/trace");
      expect(await page.locator('[data-flow="disbursement"]').count()).toBeGreaterThan(0);
      expect(await visibleText(page.locator("main"))).toContain(
        catalog["mandates.trace.disbursement"],
      );
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole("link", { name: "DC1", exact: true }).click();
      await settle(page);
      const paragraphs = page.getByTestId("initiative-paragraphs");
      await paragraphs.getByRole("link").first().click();
      await settle(page);
      expect(page.url()).toContain(`/mandates/${seventh?.id}`);
      await context.close();
    });
  }
});
