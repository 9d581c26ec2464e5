import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";
import { CHROMIUM, chromiumMissing, seriousViolations } from "./support.ts";

/**
 * The API docs page in Chromium, under the server's own Content-Security-Policy: Swagger UI
 * renders the description at any address of the page, a query string included.
 */
describe.skipIf(chromiumMissing)("the API docs page in a browser", { timeout: 180_000 }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    base = await t.app.listen({ host: "127.0.0.1", port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it.each(["/api/docs?lang=es", "/api/docs/?lang=en#/funding/getFundingSummary"])(
    "lists every tag at %s, and a tag opens to all its operations",
    async (address) => {
      const context = await browser.newContext({ baseURL: base });
      try {
        const page = await context.newPage();
        const descriptions: string[] = [];
        page.on("response", (response) => {
          if (response.url().includes("json"))
            descriptions.push(
              `${response.status()} ${new URL(response.url()).pathname}${new URL(response.url()).search}`,
            );
        });
        await page.goto(address);
        await page.locator(".opblock-tag").first().waitFor({ timeout: 30_000 });
        expect(await page.getByText("Unable to render this definition").count()).toBe(0);
        expect(descriptions).toEqual(["200 /api/docs/json"]);
        // Every tag of the description is listed; opening one shows each of its operations.
        const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
          tags: { name: string }[];
          paths: Record<string, Record<string, { tags?: string[] }>>;
        };
        expect(doc.tags.length).toBeGreaterThan(20);
        await expect
          .poll(() => page.locator(".opblock-tag").count(), { timeout: 30_000 })
          .toBe(doc.tags.length);
        const fundingOperations = Object.values(doc.paths)
          .flatMap((item) => Object.values(item))
          .filter((operation) => operation.tags?.[0] === "funding").length;
        expect(fundingOperations).toBeGreaterThan(2);
        if (!address.includes("#/funding")) await page.locator("#operations-tag-funding").click();
        await expect
          .poll(() => page.locator('[id^="operations-funding-"]').count(), { timeout: 30_000 })
          .toBe(fundingOperations);
        if (address.includes("getFundingSummary"))
          await expect(
            page.locator("#operations-funding-getFundingSummary .opblock-body").count(),
          ).resolves.toBe(1);
        // The schemes the document declares are offered for sign-in ("Authorize").
        await expect(page.locator(".auth-wrapper .authorize").count()).resolves.toBe(1);
      } finally {
        await context.close();
      }
    },
  );

  // Swagger UI's own markup, repaired by docs-a11y.ts: no serious axe violation on the list of
  // tags, nor with a tag, an operation and its examples open; the operation's summary row is
  // one control that opens with the keyboard and still writes its deep link.
  it.each(["es", "en"])("passes axe in %s, operations expanded too", async (lang) => {
    const context = await browser.newContext({ baseURL: base });
    try {
      const page = await context.newPage();
      await page.goto(`/api/docs?lang=${lang}`);
      await page.locator(".opblock-tag").first().waitFor({ timeout: 30_000 });
      await page.locator("#servers[aria-label]").waitFor({ timeout: 30_000 });
      expect(await seriousViolations(page)).toEqual([]);

      await page.locator("#operations-tag-funding").click();
      const operation = page.locator("#operations-funding-postFlows");
      const summary = operation.locator(".opblock-summary-control");
      await summary.waitFor({ timeout: 30_000 });
      // The summary row holds no second control (the path is text, not a link inside it).
      expect(await summary.locator("a[href], button, input, [tabindex]").count()).toBe(0);
      await summary.focus();
      await page.keyboard.press("Enter");
      await expect
        .poll(() => summary.getAttribute("aria-expanded"), { timeout: 30_000 })
        .toBe("true");
      await expect
        .poll(() => page.evaluate("location.hash"), { timeout: 30_000 })
        .toBe("#/funding/postFlows");
      // Its request and response examples are drawn, and each scrolling block takes focus.
      const examples = operation.locator(".highlight-code pre");
      await examples.first().waitFor({ timeout: 30_000 });
      expect(await examples.count()).toBeGreaterThan(1);
      expect(await operation.locator(".highlight-code pre:not([tabindex='0'])").count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);

      // A click closes it again.
      await summary.click();
      await expect
        .poll(() => summary.getAttribute("aria-expanded"), { timeout: 30_000 })
        .toBe("false");
    } finally {
      await context.close();
    }
  });
});
