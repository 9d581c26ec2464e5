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
} from "./support.ts";

describe.skipIf(chromiumMissing)("exchange rates in the browser", { timeout: 120_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 240_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("a flow in a currency without a rate for its date is refused under the currency field", async () => {
    const { context, page } = await signIn(portal, PARTNER_IDB);
    await settle(page);
    await page.getByRole("combobox", { name: /^Component/ }).click();
    await page.getByRole("option", { name: "A · Combating crime" }).click();
    await page.getByRole("textbox", { name: /^Amount/ }).fill("1000.00");
    await page.getByRole("textbox", { name: /^Currency/ }).fill("GTQ");
    // The shipped GTQ rates are annual averages up to 2024: none within 366 days of this date.
    await page.getByLabel(/^Value date/).fill("2026-03-03");
    await page.getByRole("button", { name: en["flow.record"] }).click();
    const error = page.getByTestId("flow-form").locator(".mantine-InputWrapper-error", {
      hasText: "No USD rate for GTQ on or before Mar 3, 2026 (within 366 days)",
    });
    await error.waitFor();
    expect(
      await page.getByRole("textbox", { name: /^Currency/ }).getAttribute("aria-invalid"),
    ).toBe("true");
    expect(
      await page.getByRole("textbox", { name: /^Amount/ }).getAttribute("aria-invalid"),
    ).not.toBe("true");
    await context.close();
  });

  it("the secretariat previews a rates CSV with its problems by line, then applies a good one", async () => {
    const { context, page } = await signIn(portal, SECRETARIAT);
    await page.goto(`${portal.url}/workspace/exchange-rates?lang=en`);
    await settle(page);
    const file = page.getByTestId("rates-file");
    const upload = async (name: string, text: string) => {
      const chooser = page.waitForEvent("filechooser");
      await file.click();
      await (await chooser).setFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
    };
    await upload(
      "bad.csv",
      "currency,date,usd_per_unit,basis,source\nGTQ,2025-01-01,0.1298,annual_average,Banguat 2025\nGTQ,2026-01-01,abc,annual_average,Banguat\n",
    );
    const problems = page.getByTestId("rates-problems");
    await problems.waitFor();
    expect(await problems.textContent()).toContain(
      "Line 3, column usd_per_unit: “abc” is not a positive decimal such as 1.4385",
    );
    expect(await page.getByTestId("rates-apply").count()).toBe(0);

    await upload(
      "good.csv",
      "currency,date,usd_per_unit,basis,source\nGTQ,2025-01-01,0.1298,annual_average,Banguat 2025\n",
    );
    await page.getByTestId("rates-apply").click();
    await page.getByText("1 added, 0 replaced.").waitFor();
    const conversion = await page.request.get(
      `${portal.url}/api/exchange-rates/conversion?amount=1000.00&currency=GTQ&date=2025-06-30`,
    );
    expect(((await conversion.json()) as { usd: { amount: string } }).usd.amount).toBe("129.80");
    await context.close();
  });
});
