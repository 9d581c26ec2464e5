import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  api,
  chromiumMissing,
  FOCAL_GT,
  PARTNER_IDB,
  type Portal,
  SECRETARIAT,
  screenshot,
  seriousViolations,
  settle,
  signIn,
  startPortal,
  usd,
  visibleText,
} from "./support.ts";

async function choose(page: Page, label: RegExp, option: string) {
  await page.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option }).click();
}

/** Sends a write as the signed-in page would: session cookie plus X-CSRF-Token. */
async function writeAs(page: Page, method: "PATCH" | "POST", path: string, data: unknown) {
  const me = await page.request.get(`/api/auth/me`);
  const { csrf_token } = (await me.json()) as { csrf_token: string };
  return page.request.fetch(`/api${path}`, {
    method,
    data,
    headers: { "x-csrf-token": csrf_token },
  });
}

const statusBadge = (page: Page) => page.locator(".page-header [data-status]");

describe.skipIf(chromiumMissing)("workspaces in the browser", { timeout: 120_000 }, () => {
  let portal: Portal;
  let created = "";
  beforeAll(async () => {
    portal = await startPortal();
  }, 240_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("a focal point creates an initiative (with the API's inline validation) and submits it", async () => {
    const { context, page } = await signIn(portal, FOCAL_GT);
    await page.getByRole("link", { name: en["workspace.newInitiative"] }).first().click();
    await page.getByRole("textbox", { name: /^Code/ }).fill("not a code");
    await page
      .getByRole("textbox", { name: /^Title in English/ })
      .fill("Community policing in Escuintla (browser test)");
    await choose(page, /^Component/, "B · Violence prevention");
    await page.getByRole("textbox", { name: /^Budget/ }).fill("2500000.00");
    await page.getByRole("button", { name: en["form.addSector"] }).click();
    await page.getByRole("textbox", { name: en["form.sectorCode"] }).fill("15220");
    await page.getByRole("textbox", { name: en["form.sectorShare"] }).fill("60");
    await page.getByRole("button", { name: en["form.create"] }).click();
    // The API's messages appear where they belong: the code under its field, the shares under the sectors.
    await page.getByRole("alert").filter({ hasText: "add up to 60.00, not 100" }).waitFor();
    // The API refuses the code; its message appears under the field.
    const codeError = page.locator(".mantine-InputWrapper-error", { hasText: "capital letters" });
    await codeError.waitFor();
    expect(await page.getByRole("textbox", { name: /^Code/ }).getAttribute("aria-invalid")).toBe(
      "true",
    );

    await page.getByRole("textbox", { name: /^Code/ }).fill("GT-WEB1");
    await page.getByRole("textbox", { name: en["form.sectorShare"] }).fill("100");
    // A result to aim at: homicides per 100,000 from 41.4 (2011) to 30 (2015).
    await page.getByRole("button", { name: en["form.addTarget"] }).click();
    await choose(page, /^Indicator/, "Homicides per 100,000 inhabitants");
    await page.getByRole("textbox", { name: en["form.baselineValue"], exact: true }).fill("41.4");
    await page.getByRole("textbox", { name: en["form.baselineYear"] }).fill("2011");
    await page.getByRole("textbox", { name: /^Target$|^Target \*/ }).fill("30");
    await page.getByRole("textbox", { name: /^Target year/ }).fill("2009");
    await page.getByRole("button", { name: en["form.create"] }).click();
    await page
      .locator(".mantine-InputWrapper-error", { hasText: en["validation.target_before_baseline"] })
      .waitFor();
    await page.getByRole("textbox", { name: /^Target year/ }).fill("2015");
    await page.getByRole("button", { name: en["form.create"] }).click();
    await page.waitForURL(/\/workspace\/initiatives\/[0-9a-f-]{36}/);
    await settle(page);
    created = page.url().split("/").at(-1)?.split("?")[0] ?? "";
    expect(await statusBadge(page).getAttribute("data-status")).toBe("draft");
    const saved = (await (await page.request.get(`/api/initiatives/${created}`)).json()) as {
      targets: { indicator: { code: string }; baseline: unknown; target: unknown }[];
    };
    expect(saved.targets).toEqual([
      expect.objectContaining({
        indicator: expect.objectContaining({ code: "homicide_rate" }),
        baseline: { value: "41.4", year: 2011 },
        target: { value: "30", year: 2015 },
      }),
    ]);

    await page.getByRole("button", { name: en["transition.submit"] }).click();
    await page.locator('.page-header [data-status="submitted"]').waitFor();
    const initiative = await api<{ status: string; lead_country: string }>(
      portal,
      `/initiatives/${created}`,
    ).catch(() => null);
    // Not yet published, so the public does not see it; the focal point's session does.
    expect(initiative).toBeNull();
    await screenshot(page, "workspace-focal-en");
    for (const violation of await seriousViolations(page)) expect.fail(violation);
    await context.close();
  });

  it("words the API's refusals in Spanish for a Spanish reader", async () => {
    const { context, page } = await signIn(portal, FOCAL_GT);
    await page.goto(`${portal.url}/workspace/initiatives/new?lang=es`);
    await settle(page);
    await page
      .getByRole("textbox", { name: new RegExp(`^${es["form.code"]}`) })
      .fill("no es un código");
    await page.getByRole("button", { name: es["form.create"] }).click();
    const alert = page.getByRole("alert").filter({ hasText: es["workspace.invalidTitle"] });
    await alert.waitFor();
    expect(await visibleText(alert)).toContain(es["apiError.code.validation_failed"]);
    // Under the code field: the Spanish sentence with the server's example, no English.
    const codeError = page.locator(".mantine-InputWrapper-error").first();
    expect(await visibleText(codeError)).toBe(
      es["validation.formatExample"].replace("{example}", "BA1"),
    );
    const form = await visibleText(page.getByTestId("initiative-form"));
    for (const english of ["must be", "Invalid input", "is required", "expected"])
      expect(form, english).not.toContain(english);
    await context.close();
  });

  it("the secretariat endorses it from the queue, with a comment", async () => {
    const { context, page } = await signIn(portal, SECRETARIAT);
    await settle(page);
    await page.getByRole("link", { name: "GT-WEB1" }).click();
    await settle(page);
    await page.getByRole("button", { name: en["transition.endorse"] }).click();
    await page
      .getByRole("dialog")
      .getByRole("textbox")
      .fill("Aligned with component B; well costed.");
    await page.getByRole("button", { name: en["action.confirm"] }).click();
    await page.locator('.page-header [data-status="endorsed"]').waitFor();
    await page.getByText("Comment: Aligned with component B; well costed.").waitFor();
    // The record's history from the audit trail, for the secretariat.
    await page.getByRole("heading", { name: en["audit.title"] }).waitFor();
    await screenshot(page, "workspace-secretariat-en");
    for (const violation of await seriousViolations(page)) expect.fail(violation);
    await context.close();
  });

  it("a partner records a pledge and the public dashboard's total changes by exactly that amount", async () => {
    const before = (await api<{ total: { announced: string } }>(portal, "/funding/summary")).total
      .announced;
    const { context, page } = await signIn(portal, PARTNER_IDB);
    await settle(page);
    await choose(page, /^Component/, "A · Combating crime");
    await page.getByRole("textbox", { name: /^Amount/ }).fill("1234567.89");
    await page.getByRole("button", { name: en["flow.record"] }).click();
    await page.getByTestId("flow-recorded").waitFor();
    await screenshot(page, "workspace-partner-en");

    const cents = (amount: string) => BigInt(amount.replace(".", ""));
    const expected = cents(before) + cents("1234567.89");
    const expectedText = `${expected / 100n}.${String(expected % 100n).padStart(2, "0")}`;
    await page.goto(`${portal.url}/?lang=en`);
    await settle(page);
    expect(await visibleText(page.getByTestId("kpi-announced"))).toBe(usd("en", expectedText));
    await context.close();
  });

  it("the partner corrects the pledge with a reversal, and the total goes back", async () => {
    const before = (await api<{ total: { announced: string } }>(portal, "/funding/summary")).total
      .announced;
    const { context, page } = await signIn(portal, PARTNER_IDB);
    await settle(page);
    const row = page.getByRole("row", { name: /1,234,567\.89/ });
    await row.getByRole("button", { name: en["flow.reverse"] }).click();
    await page.getByRole("dialog").getByRole("textbox").fill("Recorded twice by mistake.");
    await page.getByRole("dialog").getByRole("button", { name: en["flow.reverse"] }).click();
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    const cents = (amount: string) => BigInt(amount.replace(".", ""));
    const after = (await api<{ total: { announced: string } }>(portal, "/funding/summary")).total
      .announced;
    expect(cents(before) - cents(after)).toBe(123456789n);
    await context.close();
  });

  it("the secretariat returns an initiative with a comment the focal point then reads, and overrides the funding gate with a reason", async () => {
    const secretariat = await signIn(portal, SECRETARIAT);
    const page = secretariat.page;
    await settle(page);
    // AF1 (Guatemala) waits in the demo queue: send it back with what to change.
    await page.getByRole("link", { name: "AF1", exact: true }).click();
    await settle(page);
    await page.getByRole("button", { name: en["transition.return"] }).click();
    await page.getByRole("dialog").getByRole("textbox").fill("Please add the baseline year.");
    await page.getByRole("button", { name: en["action.confirm"] }).click();
    await page.locator('.page-header [data-status="draft"]').waitFor();

    // GT-WEB1, endorsed above: open to funding, then start execution without secured funding.
    await page.goto(`${portal.url}/workspace/initiatives/${created}`);
    await settle(page);
    await page.getByRole("button", { name: en["transition.seekFunding"] }).click();
    await page.locator('.page-header [data-status="seeking_funding"]').waitFor();
    await page.getByRole("button", { name: en["transition.execute"] }).click();
    await page
      .getByRole("dialog")
      .getByRole("textbox", { name: /^Funding-gate override/ })
      .fill("Emergency response approved by the Commission.");
    await page.getByRole("button", { name: en["action.confirm"] }).click();
    await page.locator('.page-header [data-status="in_execution"]').waitFor();
    await page
      .getByText("Funding gate overridden: Emergency response approved by the Commission.")
      .waitFor();
    await secretariat.context.close();

    const focal = await signIn(portal, FOCAL_GT);
    await settle(focal.page);
    await focal.page.getByRole("link", { name: "AF1", exact: true }).click();
    const comment = focal.page.getByTestId("secretariat-comment");
    await comment.waitFor();
    expect(await visibleText(comment)).toContain("Please add the baseline year.");
    await focal.context.close();
  });

  it("the secretariat creates an account and deactivates it", async () => {
    const { context, page } = await signIn(portal, SECRETARIAT);
    await page.getByRole("link", { name: en["workspace.users"] }).click();
    await settle(page);
    await page.getByRole("textbox", { name: /^Email/ }).fill("focal.hn@example.org");
    await page.getByRole("textbox", { name: /^Name/ }).fill("Focal point, Honduras");
    await choose(page, /^Organization/, "Honduras");
    await page.getByRole("button", { name: en["users.create"] }).click();
    await page.getByText(en["users.passwordOnce"]).first().waitFor();
    const row = page.getByRole("row", { name: /focal\.hn@example\.org/ });
    await row.getByRole("button", { name: en["users.deactivate"] }).click();
    await row.getByRole("button", { name: en["users.activate"] }).waitFor();
    await screenshot(page, "workspace-users-en");
    for (const violation of await seriousViolations(page)) expect.fail(violation);
    await context.close();
  });

  it("a stale edit shows the 409 message, and reloading shows the other change", async () => {
    const { context, page } = await signIn(portal, FOCAL_GT);
    await page.goto(`${portal.url}/workspace/initiatives/${created}`);
    await settle(page);
    // Someone else (here the same account from another tab) changes the record meanwhile.
    const current = (await (await page.request.get(`/api/initiatives/${created}`)).json()) as {
      version: number;
    };
    const other = await writeAs(page, "PATCH", `/initiatives/${created}`, {
      version: current.version,
      title: { en: "Community policing in Escuintla (changed elsewhere)" },
    });
    expect(other.status(), await other.text()).toBe(200);
    await page
      .getByRole("textbox", { name: /^Title in Spanish/ })
      .fill("Policía comunitaria en Escuintla");
    await page.getByRole("button", { name: en["form.save"] }).click();
    const conflict = page.getByTestId("conflict");
    await conflict.waitFor();
    expect(await visibleText(conflict)).toContain(en["workspace.conflictTitle"]);
    await conflict.getByRole("button", { name: en["workspace.reload"] }).click();
    await page.waitForFunction(
      `document.querySelector('input[lang="en"]')?.value === "Community policing in Escuintla (changed elsewhere)"`,
    );
    await context.close();
  });

  it("a focal point cannot reach another country's edit page, and the API refuses it too", async () => {
    const honduras = await api<{ data: { id: string; lead_country: string }[] }>(
      portal,
      "/initiatives?country=HN&limit=50",
    );
    const target = honduras.data.find((i) => i.lead_country === "HN");
    expect(target).toBeDefined();
    const { context, page } = await signIn(portal, FOCAL_GT);
    await page.goto(`${portal.url}/workspace/initiatives/${target?.id}`);
    await page.getByTestId("not-allowed").waitFor();
    expect(await page.getByTestId("initiative-form").count()).toBe(0);
    const refused = await writeAs(page, "PATCH", `/initiatives/${target?.id}`, {
      title: { en: "Taken over" },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    await context.close();
  });

  it("a partner changes their password and manages an API token on their account page", async () => {
    const { context, page } = await signIn(portal, PARTNER_IDB);
    await page.getByRole("link", { name: en["workspace.account"] }).click();
    await settle(page);
    expect(await visibleText(page.locator("h1"))).toBe(en["account.title"]);
    expect((await visibleText(page.getByTestId("totp-state"))).toLowerCase()).toBe(
      en["account.totpOff"].toLowerCase(),
    );
    for (const violation of await seriousViolations(page)) expect.fail(violation);

    const form = page.getByTestId("password-form");
    const field = (label: string) => form.getByLabel(label, { exact: false }).first();
    await field(en["account.currentPassword"]).fill("Not-my-password-2011");
    await field(en["account.newPassword"]).fill("Granite lantern orbit velvet 42");
    await field(en["account.repeatPassword"]).fill("Granite lantern orbit velvet 42");
    await form.getByRole("button", { name: en["account.changePassword"] }).click();
    await form
      .locator(".mantine-InputWrapper-error", { hasText: en["validation.wrong"] })
      .waitFor();

    await field(en["account.currentPassword"]).fill(PARTNER_IDB.password);
    await form.getByRole("button", { name: en["account.changePassword"] }).click();
    await page.getByTestId("password-changed").waitFor();
    // The new password signs in; the old one no longer does.
    const fresh = await portal.context();
    const login = (password: string) =>
      fresh.request.post(`${portal.url}/api/auth/login`, {
        data: { email: PARTNER_IDB.email, password },
      });
    expect((await login(PARTNER_IDB.password)).status()).toBe(401);
    expect((await login("Granite lantern orbit velvet 42")).status()).toBe(200);
    await fresh.close();

    await page.getByRole("textbox", { name: /^Name/ }).fill("IATI uploads");
    await page.getByRole("checkbox", { name: en["account.scope.iatiImport"] }).check();
    await page.getByRole("button", { name: en["account.tokenCreate"] }).click();
    const token = await visibleText(page.getByTestId("new-token").locator("pre"));
    expect(token.length).toBeGreaterThan(20);
    const withToken = await page.request.get(`${portal.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${token.trim()}`, cookie: "" },
    });
    expect(withToken.status()).toBe(200);
    await page.getByRole("button", { name: "Revoke token IATI uploads" }).click();
    await page.getByTestId("tokens-table").getByText(en["account.tokenRevoked"]).waitFor();
    await screenshot(page, "workspace-account-en");
    await context.close();
  });
});
