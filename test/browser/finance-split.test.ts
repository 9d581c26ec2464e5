import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { financeKindOf, financeTypes } from "../../src/contracts/finance-types.ts";
import { toMinorUnits } from "../../src/contracts/money.ts";
import { en } from "../../src/web/i18n/en.ts";
import {
  api,
  chromiumMissing,
  type Portal,
  settle,
  startPortal,
  usd,
  visibleText,
} from "./support.ts";

interface Total {
  announced: string;
  committed: string;
  disbursed: string;
}
interface Summary {
  total: Total;
}

const codesOf = (kind: "grant" | "loan") =>
  financeTypes.filter((code) => financeKindOf(code) === kind).join(",");

/** The card's figure and its line of announced · committed · disbursed, as shown. */
async function card(page: Page, kind: "grants" | "loans") {
  const value = page.getByTestId(`kpi-${kind}`);
  await value.waitFor();
  const whole = await visibleText(value.locator("xpath=.."));
  return { value: await visibleText(value), whole };
}

const figures = (total: Total) =>
  en["finance.kindFigures"]
    .replace("{announced}", usd("en", total.announced))
    .replace("{committed}", usd("en", total.committed))
    .replace("{disbursed}", usd("en", total.disbursed));

/**
 * Grants and loans apart wherever the portal shows announced, committed and disbursed money:
 * the dashboard, a country, a component, a partner and an initiative page each show one card
 * per kind, with the roll-up's own figures for the finance types of that kind.
 */
describe.skipIf(chromiumMissing)(
  "grants and loans apart on every page with money",
  {
    timeout: 240_000,
  },
  () => {
    let portal: Portal;
    let be1 = "";
    beforeAll(async () => {
      portal = await startPortal();
      be1 = (await api<{ id: string }>(portal, "/initiatives/BE1")).id;
    }, 300_000);
    afterAll(async () => {
      await portal?.stop();
    });

    const pages = () => [
      { path: "/", filter: "" },
      { path: "/countries/GT", filter: "&country=GT" },
      { path: "/components/B", filter: "" },
      { path: "/partners/IDB", filter: "" },
      { path: `/initiatives/${be1}`, filter: `&initiative=${be1}` },
    ];

    it("shows on each page a grants card and a loans card with the roll-up's figures", async () => {
      const components = await api<{ data: { id: string; code: string }[] }>(portal, "/components");
      const b = components.data.find((c) => c.code === "B")?.id ?? "";
      const organizations = await api<{ data: { id: string; code: string }[] }>(
        portal,
        "/organizations?limit=500",
      );
      const idb = organizations.data.find((o) => o.code === "IDB")?.id ?? "";
      const context = await portal.context();
      const page = await context.newPage();
      for (const { path, filter: given } of pages()) {
        const filter =
          path === "/components/B"
            ? `&component=${b}`
            : path === "/partners/IDB"
              ? `&partner=${idb}`
              : given;
        await page.goto(`${portal.url}${path}?lang=en`);
        await settle(page);
        for (const kind of ["grant", "loan"] as const) {
          const expected = await api<Summary>(
            portal,
            `/funding/summary?finance_type=${codesOf(kind)}${filter}`,
          );
          const shown = await card(page, `${kind}s`);
          expect(shown.value, `${path} ${kind}s`).toBe(usd("en", expected.total.announced));
          expect(shown.whole, `${path} ${kind}s`).toContain(en[`finance.${kind}`].toUpperCase());
          expect(shown.whole, `${path} ${kind}s`).toContain(figures(expected.total));
        }
      }
      await context.close();
    });

    it("shows BE1's loan and grants as its entries state them, adding up to its committed", async () => {
      const context = await portal.context();
      const page = await context.newPage();
      await page.goto(`${portal.url}/initiatives/${be1}?lang=en`);
      await settle(page);
      // The IDB's 35 million soft loan to BE1 (finance type 421), 9 + 7 million of it disbursed.
      const loans = await card(page, "loans");
      expect(loans.whole).toContain(`${usd("en", "35000000")} committed`);
      expect(loans.whole).toContain(`${usd("en", "16000000")} disbursed`);
      // Every BE1 entry states its finance type: grants + loans = the committed headline.
      const grants = await api<Summary>(
        portal,
        `/funding/summary?finance_type=${codesOf("grant")}&initiative=${be1}`,
      );
      const all = await api<Summary>(portal, `/funding/summary?initiative=${be1}`);
      expect(toMinorUnits(grants.total.committed, "USD") + toMinorUnits("35000000.00", "USD")).toBe(
        toMinorUnits(all.total.committed, "USD"),
      );
      expect(await visibleText(page.getByTestId("kpi-committed"))).toBe(
        usd("en", all.total.committed),
      );
      expect((await card(page, "grants")).whole).toContain(
        `${usd("en", grants.total.committed)} committed`,
      );
      await context.close();
    });
  },
);
