import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en, type Messages } from "../../src/web/i18n/en.ts";
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

type Catalog = Messages;

const exactly = (label: string) =>
  new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\*)?$`);

/** The message Mantine shows under an input (its aria-describedby error), once invalid. */
async function errorUnder(page: Page, label: string): Promise<string> {
  const input = page.getByRole("textbox", { name: exactly(label) });
  await expect.poll(() => input.getAttribute("aria-invalid")).toBe("true");
  const ids = (await input.getAttribute("aria-describedby")) ?? "";
  const errorId = ids.split(" ").find((id) => id.endsWith("-error"));
  expect(errorId, label).toBeTruthy();
  return visibleText(page.locator(`[id="${errorId}"]`));
}

/** Opens a new body in the directory workspace and sends it with three bad values. */
async function submitBadBody(page: Page, lang: "en" | "es", t: Catalog) {
  await page.goto(`/workspace/directory?lang=${lang}`);
  await settle(page);
  await page.getByRole("button", { name: t["directory.form.newTitle"] }).click();
  const box = (label: string) => page.getByRole("textbox", { name: exactly(label) });
  await box(t["directory.form.code"]).fill("bad code!");
  // The Spanish name is left empty.
  await box(t["directory.form.name.en"]).fill("Inter-American Test Body");
  await box(t["directory.form.mandate.es"]).fill("Coordina la prueba.");
  await box(t["directory.form.mandate.en"]).fill("Coordinates the test.");
  await box(t["directory.form.contact_role.es"]).fill("jefa@oas.org");
  await box(t["directory.form.contact_role.en"]).fill("Executive Secretary");
  await page.getByRole("button", { name: t["directory.form.create"] }).click();
  await page.getByRole("alert").filter({ hasText: t["apiError.code.validation_failed"] }).waitFor();
}

describe.skipIf(chromiumMissing)("field errors in the browser", { timeout: 120_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 240_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("shows under each field what it expects, in Spanish and in English", async () => {
    const { context, page } = await signIn(portal, SECRETARIAT);

    await submitBadBody(page, "es", es);
    expect(await errorUnder(page, es["directory.form.name.es"])).toBe(es["validation.required"]);
    expect(await errorUnder(page, es["directory.form.code"])).toBe(
      es["validation.formatExample"].replace("{example}", "CICAD"),
    );
    expect(await errorUnder(page, es["directory.form.contact_role.es"])).toBe(
      es["validation.not_an_email"],
    );
    const spanish = await visibleText(page.getByTestId("body-form"));
    for (const vague of ["no es válido", "is not valid", "Invalid", "contact_role", "name.es"])
      expect(spanish).not.toContain(vague);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "validation-messages-es");

    await submitBadBody(page, "en", en);
    expect(await errorUnder(page, en["directory.form.name.es"])).toBe(en["validation.required"]);
    // A pattern's own English sentence says what it takes.
    expect(await errorUnder(page, en["directory.form.code"])).toBe(
      "must be 1–32 capital letters, digits or dashes, e.g. CICAD",
    );
    expect(await errorUnder(page, en["directory.form.contact_role.es"])).toBe(
      en["validation.not_an_email"],
    );
    const english = await visibleText(page.getByTestId("body-form"));
    for (const vague of ["is not valid", "Invalid input", "contact_role", "name.es"])
      expect(english).not.toContain(vague);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "validation-messages-en");
    await context.close();
  });
});
