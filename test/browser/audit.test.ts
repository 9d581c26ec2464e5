import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  api,
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
const NEW_BUDGET = "7654321.00";

/**
 * A published initiative's history read by the public in words (labels, no e-mail), and the
 * secretariat's audit page: filters, then the chain verified, in Spanish and English.
 */
describe.skipIf(chromiumMissing)("the audit trail in words", { timeout: 240_000 }, () => {
  let portal: Portal;
  let organizationName: { es: string; en: string } | undefined;
  beforeAll(async () => {
    portal = await startPortal();
    // The secretariat raises AA1's budget: a change by a person, after publication.
    const login = await fetch(`${portal.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(SECRETARIAT),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrf_token } = (await login.json()) as { csrf_token: string };
    const current = await api<{ version: number; budget: { currency: string } }>(
      portal,
      "/initiatives/AA1",
    );
    const raised = await fetch(`${portal.url}/api/initiatives/AA1`, {
      method: "PATCH",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf_token },
      body: JSON.stringify({
        version: current.version,
        budget: { amount: NEW_BUDGET, currency: current.budget.currency },
      }),
    });
    expect(raised.status, await raised.text()).toBe(200);
    const organizations = await api<{
      data: Array<{ code: string; name: { es: string; en: string } }>;
    }>(portal, "/organizations?limit=500");
    organizationName = organizations.data.find((o) => o.code === "SICA-DSD")?.name;
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
      // The budget, before → after, as money (not minor units), by organization and role.
      const budget = history.locator('li[data-field="budget_amount_minor"]').first();
      expect(await visibleText(budget)).toContain(catalog["auditField.budget_amount_minor"]);
      const after = await visibleText(budget.locator("ins"));
      expect(after.replace(/\D/g, "")).toMatch(/^7654321(00?)?$/);
      expect(after).toMatch(/[.,]\d{3}[.,]\d{3}/);
      expect(await visibleText(budget.locator("del"))).toMatch(/\d/);
      const row = history
        .locator("tbody tr")
        .filter({ has: page.locator('li[data-field="budget_amount_minor"]') })
        .first();
      const who = await visibleText(row.locator("td").nth(1));
      expect(who).toContain(catalog["role.secretariat"]);
      expect(who).toContain(organizationName?.[lang] ?? "SICA-DSD");
      expect(who).not.toMatch(EMAIL);
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
      // Staff see the person who made a change, not only the organization.
      expect(await visibleText(entries)).toContain(SECRETARIAT.email);
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
