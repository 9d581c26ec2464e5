import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/web/i18n/en.ts";
import { api, chromiumMissing, type Portal, settle, startPortal, visibleText } from "./support.ts";

const day = (iso: string) =>
  new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );

/** Where a figure comes from and when it happened, as a reader sees it on an initiative. */
describe.skipIf(chromiumMissing)("provenance in the browser", { timeout: 120_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 240_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("marks exactly the illustrative values of BF1 and shows when its history took effect", async () => {
    const bf1 = await api<{ id: string; illustrative_fields: string[] }>(
      portal,
      "/initiatives/BF1",
    );
    expect(bf1.illustrative_fields).toContain("budget");
    const context = await portal.context();
    const page = await context.newPage();
    await page.goto(`/initiatives/${bf1.id}?lang=en`);
    await settle(page);
    const section = (id: string) => page.locator(`section[aria-labelledby="${id}-title"]`);

    const marked = section("details")
      .locator("tr")
      .filter({ has: page.locator(".illustrative-mark") })
      .locator("th");
    expect(await marked.allInnerTexts()).toEqual([
      en["initiative.leadCountry"],
      en["initiative.countries"],
      en["initiative.executingAgency"],
      en["initiative.budgetOriginal"],
      en["initiative.budgetUsd"],
      en["initiative.period"],
      en["initiative.sectors"],
    ]);
    // The title is SICA's, published: no mark beside it.
    expect(await page.locator("h1 .illustrative-mark").count()).toBe(0);

    const history = await visibleText(section("history"));
    expect(history).toContain(`effective ${day("2011-05-16")} · entered`);
    expect(history).toContain(`effective ${day("2013-09-30")} · entered`);

    const flows = await visibleText(section("flows"));
    expect(flows).toContain(en["provenance.noSourceIllustrative"]);
    expect(flows).not.toContain(en["provenance.noSource"]);
    expect(flows).toContain(`effective ${day("2011-09-15")} · entered`);
    await context.close();
  });
});
