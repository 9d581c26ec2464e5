import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/web/i18n/en.ts";
import {
  chromiumMissing,
  PARTNER_IDB,
  type Portal,
  SECRETARIAT,
  settle,
  signIn,
  startPortal,
  visibleText,
} from "./support.ts";

async function choose(page: Page, label: RegExp, option: string | RegExp) {
  await page.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option }).first().click();
}

const reason = "Hurricane repairs could not wait for the next commitment (browser test)";

describe.skipIf(chromiumMissing)("over-disbursement in the browser", { timeout: 180_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 240_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("the partner asks for an override, the secretariat approves it, the public sees the flag", async () => {
    const partner = await signIn(portal, PARTNER_IDB);
    let page = partner.page;
    await settle(page);
    await choose(page, /^Type/, en["flowType.disbursement"]);
    await choose(page, /^Initiative/, /^BE1 ·/);
    await page.getByRole("textbox", { name: /^Amount/ }).fill("99000000.00");
    await page.getByRole("button", { name: en["flow.record"] }).click();
    const ask = page.getByTestId("override-ask");
    await ask.waitFor();
    // The refusal names what is left as money, in words, never as a field name or raw decimal.
    const refusal = await visibleText(page.getByRole("alert").filter({ hasText: "Only " }).first());
    expect(refusal).toMatch(/Only US\$|Only USD/);
    expect(refusal).not.toMatch(/value\.amount|\d{7}\.\d\d/);
    await ask.getByRole("textbox", { name: new RegExp(`^${en["override.reason"]}`) }).fill(reason);
    await ask.getByRole("button", { name: en["override.ask"] }).click();
    await page.getByTestId("override-sent").waitFor();
    await partner.context.close();

    const secretariat = await signIn(portal, SECRETARIAT);
    page = secretariat.page;
    await page.getByRole("link", { name: en["override.nav"] }).first().click();
    await settle(page);
    const row = page.getByRole("row").filter({ hasText: reason });
    await row.getByRole("textbox").fill("Board approval of 12 March");
    await row.getByRole("button", { name: en["override.approve"] }).click();
    await row.getByText(en["override.status.approved"]).waitFor();
    await secretariat.context.close();

    const context = await portal.context();
    const anonymous = await context.newPage();
    await anonymous.goto(`${portal.url}/initiatives/BE1?lang=en`);
    await settle(anonymous);
    const flag = anonymous.getByTestId("over-commitment-flag").filter({ hasText: reason });
    const text = await visibleText(flag.first());
    expect(text).toContain("Disbursed above its commitment — approved by the secretariat on");
    expect(text).toContain(reason);
    await context.close();
  });
});
