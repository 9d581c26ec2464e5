import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMinorUnits, shareOfMinorUnits, toMinorUnits } from "../../src/contracts/money.ts";
import type { Initiative } from "../../src/modules/initiatives/initiatives.schema.ts";
import { en } from "../../src/web/i18n/en.ts";
import {
  api,
  chromiumMissing,
  type Portal,
  SECRETARIAT,
  settle,
  signIn,
  startPortal,
  usd,
} from "./support.ts";

const csrfOf = async (page: Page) =>
  ((await (await page.request.get("/api/auth/me")).json()) as { csrf_token: string }).csrf_token;

/** Issue 18, item 2: a recorded share shows with its amount; the others stay "Regional". */
describe.skipIf(chromiumMissing)("a country's share on its page", { timeout: 180_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 300_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("shows the recorded share and its USD amount, and Regional elsewhere", async () => {
    const list = await api<{ data: Initiative[] }>(portal, "/initiatives?country=GT&limit=100");
    const regional = list.data.filter((i) => i.lead_country !== "GT");
    expect(regional.length).toBeGreaterThan(1);
    const chosen = regional[0] as Initiative;

    const { context, page } = await signIn(portal, SECRETARIAT);
    const url = `/api/initiatives/${chosen.id}`;
    const { version } = (await (await page.request.get(url)).json()) as { version: number };
    const changed = await page.request.patch(url, {
      data: { version, country_shares: [{ country: "GT", percentage: "30" }] },
      headers: { "x-csrf-token": await csrfOf(page) },
    });
    expect(changed.status(), await changed.text()).toBe(200);

    await page.goto(`${portal.url}/countries/GT?lang=en`);
    await settle(page);
    const heading = en["country.participating"].replace("{country}", "Guatemala");
    const table = page.locator("section", {
      has: page.getByRole("heading", { name: heading, exact: true }),
    });
    const row = table.locator("tbody tr", { hasText: chosen.code }).first();
    const cells = (await row.locator("td").allInnerTexts()).map((text) => text.trim());
    const cents = shareOfMinorUnits(toMinorUnits(chosen.budget_usd.amount, "USD"), "30.00");
    const amount = usd("en", formatMinorUnits(cents, "USD"));
    expect(cells.find((cell) => cell.startsWith("Share:"))).toBe(
      en["country.shareOf"].replace("{percentage}", "30.0%").replace("{amount}", amount),
    );
    const others = await table.locator("tbody tr td").allInnerTexts();
    expect(others.map((text) => text.trim())).toContain(en["country.shareRegional"]);
    await context.close();
  });
});
