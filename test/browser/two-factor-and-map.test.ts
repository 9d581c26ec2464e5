import { TOTP } from "otpauth";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  api,
  chromiumMissing,
  FOCAL_GT,
  type Portal,
  seriousViolations,
  settle,
  signIn,
  startPortal,
  visibleText,
} from "./support.ts";

const catalogs = { es, en } as const;
const fill = (template: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((text, [k, v]) => text.replace(`{${k}}`, String(v)), template);

async function expectNoSeriousViolation(page: Page) {
  for (const violation of await seriousViolations(page)) expect.fail(violation);
}

/**
 * Issue 19, items 6 and 7: two-factor setup shows a QR code (an image with a name, in both
 * languages) and recovery codes that sign in once; the member states' map gives zero its own
 * hatch and a legend of bounds with their unit, and states unit, as-of time and source.
 */
describe.skipIf(chromiumMissing)(
  "two-factor setup and the map's legend",
  { timeout: 240_000 },
  () => {
    let portal: Portal;
    beforeAll(async () => {
      portal = await startPortal();
    }, 240_000);
    afterAll(async () => {
      await portal?.stop();
    });

    it("shows the QR code, then recovery codes; one signs in once", async () => {
      const { context, page } = await signIn(portal, FOCAL_GT);
      for (const lang of ["es", "en"] as const) {
        const t = catalogs[lang];
        await page.goto(`/workspace/account?lang=${lang}`);
        await settle(page);
        await page.getByRole("button", { name: t["totp.start"] }).click();
        const qr = page.getByRole("img", { name: t["totp.qrAlt"] });
        await qr.waitFor();
        // Drawn: an SVG data URL the browser decoded, not a broken image.
        expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
        expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(
          0,
        );
        await expectNoSeriousViolation(page);
      }

      const secret = (await visibleText(page.getByTestId("totp-secret"))).trim();
      await page.getByLabel(en["login.totp"]).fill(new TOTP({ secret }).generate());
      await page.getByRole("button", { name: en["totp.enable"] }).click();
      const list = page.getByTestId("recovery-codes");
      await list.waitFor();
      const codes = await list.locator("code").allInnerTexts();
      expect(codes).toHaveLength(10);
      await expectNoSeriousViolation(page);
      await page.getByRole("button", { name: en["recovery.saved"] }).click();
      const status = page.getByTestId("recovery-status");
      await status.waitFor();
      expect(await visibleText(status)).toContain(
        fill(en["recovery.remaining"], { remaining: 10, total: 10 }),
      );
      await context.close();

      // Signing in again: the authenticator asked for, a recovery code in its place.
      const signInWithCode = async (code: string) => {
        const fresh = await portal.context();
        const login = await fresh.newPage();
        await login.goto("/workspace?lang=en");
        await login.locator("input[type=email]").fill(FOCAL_GT.email);
        await login.locator("input[type=password]").fill(FOCAL_GT.password);
        await login.getByRole("button", { name: en["login.submit"] }).click();
        await login.getByLabel(en["login.totp"]).waitFor();
        await login.getByRole("button", { name: en["login.useRecovery"] }).click();
        await login.getByLabel(en["login.recoveryCode"]).fill(code);
        await login.getByRole("button", { name: en["login.submit"] }).click();
        return { fresh, login };
      };
      const first = await signInWithCode(codes[0] ?? "");
      await first.login.getByTestId("signed-in-user").waitFor();
      await first.login.goto("/workspace/account?lang=en");
      await settle(first.login);
      expect(await visibleText(first.login.getByTestId("recovery-status"))).toContain(
        fill(en["recovery.remaining"], { remaining: 9, total: 10 }),
      );
      await first.fresh.close();

      const again = await signInWithCode(codes[0] ?? "");
      await again.login.getByText(en["apiError.reason.wrong_recovery_code"]).first().waitFor();
      expect(await again.login.getByTestId("signed-in-user").count()).toBe(0);
      await again.fresh.close();
    });

    it("draws a country at zero with its own hatch, and a legend with bounds, in es and en", async () => {
      const summary = await api<{ rows: Array<{ key: { country: string }; committed: string }> }>(
        portal,
        "/funding/summary?by=country",
      );
      const committed = new Map(summary.rows.map((r) => [r.key.country, Number(r.committed)]));
      const members = ["BZ", "CR", "DO", "GT", "HN", "NI", "PA", "SV"];
      const zero = members.filter((code) => (committed.get(code) ?? 0) === 0);
      const aboveZero = members.filter((code) => (committed.get(code) ?? 0) > 0);
      expect(zero.length).toBeGreaterThan(0);
      expect(aboveZero.length).toBeGreaterThan(0);

      const context = await portal.context();
      const page = await context.newPage();
      for (const lang of ["es", "en"] as const) {
        const t = catalogs[lang];
        await page.goto(`/countries?lang=${lang}&measure=committed`);
        await settle(page);
        const shapeOf = (code: string) => page.locator(`a[data-country="${code}"] path`);
        for (const code of zero)
          expect(await shapeOf(code).getAttribute("data-class"), code).toBe("zero");
        for (const code of aboveZero)
          expect(await shapeOf(code).getAttribute("data-class"), code).toMatch(/^#[0-9a-f]{6}$/);

        const legend = page.getByTestId("map-legend");
        expect(await visibleText(legend)).toContain(
          fill(t["map.legendTitle"], { unit: t["figure.unitUsd"] }),
        );
        const zeroEntry = await visibleText(legend.locator('[data-legend="zero"]'));
        expect(zeroEntry).toMatch(/\b0\b/);
        expect(zeroEntry).not.toMatch(/[1-9]/);
        // The first class names its upper bound in dollars; the others a range.
        const firstClass = await visibleText(legend.locator('[data-legend="class-0"]'));
        expect(firstClass.startsWith(t["map.legendUpTo"].replace("{to}", ""))).toBe(true);
        expect(firstClass).toMatch(/(\$|USD)\s?\d/);
        expect(await visibleText(legend.locator('[data-legend="class-3"]'))).toContain("–");
        expect(await legend.locator('[data-legend="none"]').count()).toBe(0);

        const facts = await visibleText(page.getByTestId("map-facts"));
        expect(facts).toContain(t["figure.unitUsd"]);
        expect(facts).toContain(t["figure.fundingSource"]);
        expect(facts).toContain(t["figure.asOf"].replace("{moment}", "").trim());
        await expectNoSeriousViolation(page);
      }

      // An indicator: its unit, its years and the source the values come from.
      await page.goto("/countries?lang=en&measure=indicator");
      await settle(page);
      const facts = await visibleText(page.getByTestId("map-facts"));
      expect(facts).toMatch(/years \d{4}/);
      expect(facts).toContain(en["figure.facts"].split("{unit}")[0] ?? "");
      expect(await visibleText(page.getByTestId("map-legend"))).toMatch(/\d/);
      await context.close();
    });
  },
);
