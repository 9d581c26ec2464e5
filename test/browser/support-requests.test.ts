import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  chromiumMissing,
  FOCAL_GT,
  type Portal,
  screenshot,
  seriousViolations,
  settle,
  signIn,
  startPortal,
} from "./support.ts";

const CICAD_OFFICER = {
  email: "officer.cicad@demo.esca-hub.org",
  password: "Answer-Washington-cicad-2011",
};

describe.skipIf(chromiumMissing)("a support request in the browser", { timeout: 180_000 }, () => {
  let portal: Portal;
  let requestPath = "";
  beforeAll(async () => {
    portal = await startPortal();
  }, 300_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("a focal point asks CICAD for support, with errors under the field", async () => {
    const { context, page } = await signIn(portal, FOCAL_GT);
    await page.getByRole("link", { name: en["workspace.requests"] }).first().click();
    await page
      .getByRole("combobox", { name: new RegExp(`^${en["requests.field.initiative"]}`) })
      .click();
    await page.getByRole("option").filter({ hasText: "DB1" }).first().click();
    await page.getByRole("combobox", { name: new RegExp(`^${en["requests.field.body"]}`) }).click();
    await page
      .getByRole("option", { name: "Inter-American Drug Abuse Control Commission" })
      .click();
    await page.getByRole("button", { name: en["requests.send"] }).click();
    // Nothing sent: the missing field says so under itself.
    const what = page.getByRole("textbox", { name: new RegExp(`^${en["requests.field.what"]}`) });
    await expect.poll(() => what.getAttribute("aria-invalid")).toBe("true");
    await what.fill("Training of prosecutors in drug-trafficking cases");
    await page
      .getByRole("textbox", { name: new RegExp(`^${en["requests.field.why"]}`) })
      .fill("The new prosecutors' unit opens in 2013");
    await page.getByRole("button", { name: en["requests.send"] }).click();
    const link = page
      .getByRole("link", { name: "Training of prosecutors in drug-trafficking cases" })
      .first();
    await link.waitFor();
    await link.click();
    await page.getByTestId("timeline").waitFor();
    requestPath = new URL(page.url()).pathname;
    expect(requestPath).toMatch(/^\/requests\//);
    expect(await page.getByText(en["requests.status.submitted"]).count()).toBeGreaterThan(0);
    await context.close();
  });

  it("CICAD's officer acknowledges, accepts, reports progress and completes it", async () => {
    const { context, page } = await signIn(portal, CICAD_OFFICER);
    await page.goto(`${portal.url}${requestPath}?lang=en`);
    for (const action of ["acknowledge", "accept"] as const) {
      await page.getByRole("button", { name: en[`requests.action.${action}`] }).click();
      await page
        .getByRole("button", {
          name: en[
            action === "acknowledge" ? "requests.action.accept" : "requests.action.progress"
          ],
        })
        .waitFor();
    }
    await page
      .getByRole("textbox", { name: new RegExp(`^${en["requests.field.note"]}`) })
      .fill("First course held in Guatemala City");
    await page.getByRole("button", { name: en["requests.action.progress"] }).click();
    await page.getByText("First course held in Guatemala City").waitFor();
    await page.getByRole("button", { name: en["requests.action.complete"] }).click();
    await page.getByText(en["requests.step.completed"]).first().waitFor();
    const steps = await page.getByTestId("timeline").locator(".mantine-Timeline-item").count();
    expect(steps).toBe(5);
    await context.close();
  });

  it("the public reads the request and CICAD's page in Spanish, with no serious axe violation", async () => {
    const context = await portal.context({ locale: "es-419" });
    const page = await context.newPage();
    await page.goto(`${portal.url}${requestPath}?lang=es`);
    await page.getByText(es["requests.step.completed"]).first().waitFor();
    expect(await page.content()).not.toMatch(/@demo\.esca-hub\.org/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${portal.url}/partners/CICAD?lang=es`);
    await page.getByTestId("body-support-CICAD").waitFor();
    await settle(page);
    const support = await page.getByTestId("body-support-CICAD").textContent();
    expect(support).toContain(es["directory.given.requestsCompleted"].replace("{count}", "2"));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "oas-body-cicad-es");
    await context.close();
  });
});
