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

const HOSTILE_BODY = [
  "Un observatorio de **guardabosques** comunitarios.",
  "",
  '<script>window.__owned = "script"</script>',
  "",
  "<img src=x onerror=\"window.__owned = 'onerror'\">",
  "",
  "[fuente](https://www.oas.org/)",
].join("\n");

/**
 * The secretariat writes a practice holding a script and an event handler, publishes it,
 * and the public finds it from the header's search box by a word of its body: the page
 * shows the markup as text and runs none of it (the test's context bypasses the server's
 * CSP, so only the rendering keeps it from running).
 */
describe.skipIf(chromiumMissing)("practices and the search box", { timeout: 240_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 240_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("refuses an unsafe link under its field, then publishes the practice", async () => {
    const { context, page } = await signIn(portal, SECRETARIAT);
    await page.goto("/workspace/practices/new?lang=en");
    await settle(page);
    const form = page.getByTestId("practice-form");
    await form.getByLabel(en["practices.field.slug"]).fill("guardabosques-hostile");
    await form
      .getByLabel(en["practices.field.title"], { exact: false })
      .first()
      .fill("Guardabosques comunitarios");
    await form
      .getByLabel(en["practices.field.summary"])
      .fill("Vigilancia comunitaria de los bosques.");
    await form.getByLabel(en["practices.field.sourceName"]).fill("Guatemala");
    await form.getByLabel(en["practices.field.citation"]).fill("Informe público de ejemplo");
    const body = form.getByLabel(en["practices.field.body"]);
    await body.fill(`${HOSTILE_BODY}\n\n[clic](javascript:alert(1))`);
    await page.getByTestId("practice-save").click();
    const bodyError = en["validation.unsafe_link"]
      .replace("{line}", "9")
      .replace("{url}", "javascript:alert(1");
    await page.getByText(bodyError).first().waitFor();
    expect(page.url()).toContain("/workspace/practices/new");

    await body.fill(HOSTILE_BODY);
    await page.getByTestId("practice-save").click();
    await page.waitForURL(/\/workspace\/practices\/[0-9a-f-]{36}$/);
    await settle(page);
    await page.getByTestId("practice-status").click();
    await page
      .getByTestId("practice-status")
      .filter({ hasText: en["practices.workspace.withdraw"] })
      .waitFor();
    await context.close();
  });

  for (const [lang, catalog] of [
    ["es", es],
    ["en", en],
  ] as const) {
    it(`finds the practice from the header by a word of its body, and runs none of its markup (${lang})`, async () => {
      const context = await portal.context();
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on("dialog", async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      await page.goto(`/?lang=${lang}`);
      await settle(page);
      const box = page.getByTestId("header-search");
      await box.fill("guardabosques");
      await box.press("Enter");
      await page.waitForURL(/\/search\?q=guardabosques/);
      await settle(page);
      const results = page.getByTestId("search-results");
      const hit = results.locator('[data-kind="practice"]');
      expect(await hit.count()).toBe(1);
      // The badge is set in capitals by the stylesheet.
      expect((await visibleText(hit)).toLowerCase()).toContain(
        catalog["search.kind.practice"].toLowerCase(),
      );
      // The matching word is marked in the snippet.
      expect(await hit.locator("mark").first().textContent()).toBe("guardabosques");
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `search-${lang}`);

      await hit.getByRole("link", { name: "Guardabosques comunitarios" }).click();
      await page.waitForURL(/\/practices\/guardabosques-hostile/);
      await settle(page);
      const rendered = page.getByTestId("practice-body");
      const text = await visibleText(rendered);
      expect(text).toContain('<script>window.__owned = "script"</script>');
      expect(text).toContain("onerror=");
      expect(await rendered.locator("script, img, [onerror]").count()).toBe(0);
      expect(await rendered.locator('a[href="https://www.oas.org/"]').count()).toBe(1);
      expect(
        await page.evaluate(() => (globalThis as { __owned?: string }).__owned),
      ).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `practice-${lang}`);
      await context.close();
    });
  }

  it("finds “prevención” typed without its accent, and suggests a word for a typo", async () => {
    const context = await portal.context();
    const page = await context.newPage();
    await page.goto("/search?q=prevencion&lang=es");
    await settle(page);
    const titles = await visibleText(page.getByTestId("search-results"));
    expect(titles).toContain("Prevención");
    await page.goto("/search?q=observatorio%20violensia&lang=es");
    await settle(page);
    const suggestion = page.getByTestId("search-suggestion");
    expect(await visibleText(suggestion)).toContain("observatorio violencia");
    await suggestion.getByRole("link").click();
    await settle(page);
    expect(await page.getByTestId("search-results").locator("li").count()).toBeGreaterThan(0);
    await context.close();
  });
});
