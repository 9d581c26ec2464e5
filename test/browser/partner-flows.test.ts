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
  seriousViolations,
  settle,
  signIn,
  startPortal,
  visibleText,
} from "./support.ts";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const labelled = (label: string) => new RegExp(`^${escapeRegExp(label)}`);

async function choose(page: Page, label: string, option: RegExp) {
  await page
    .getByRole("combobox", { name: labelled(label) })
    .first()
    .click();
  await page.getByRole("option", { name: option }).first().click();
}

/** The texts an input is described by: its help and, when refused, its error. */
async function describedBy(page: Page, label: string) {
  const ids =
    (await page
      .getByRole("combobox", { name: labelled(label) })
      .getAttribute("aria-describedby")) ?? "";
  const texts = await Promise.all(
    ids
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  return texts.join(" | ");
}

interface Listed {
  data: Array<{ id: string; initiative_id: string | null; flow_type: string }>;
}

/**
 * The partner's flow form offers only the chosen initiative's commitments, each labelled
 * with its initiative and what is left; a commitment of another initiative is refused under
 * the commitment field, in the reader's language; the ledger table names each entry's
 * initiative and origin; a focal point is told what /workspace/flows is for.
 */
describe.skipIf(chromiumMissing)("the partner's flow form and ledger", { timeout: 300_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 420_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("offers the initiative's commitments, refuses another's under its field, names origins", async () => {
    const { context, page } = await signIn(portal, PARTNER_IDB);
    const initiatives = await api<{ data: Array<{ id: string; code: string }> }>(
      portal,
      "/initiatives?limit=200",
    );
    const ca1 = initiatives.data.find((i) => i.code === "CA1")?.id ?? "";
    const idb = (
      await api<{ data: Array<{ id: string; code: string }> }>(portal, "/organizations?limit=500")
    ).data.find((o) => o.code === "IDB")?.id;
    const onCa1 = await api<Listed>(
      portal,
      `/flows?partner_id=${idb}&flow_type=commitment&linkable_to=${ca1}`,
    );
    const foreign = onCa1.data[0]?.id;
    expect(foreign).toBeDefined();

    for (const [lang, catalog] of [
      ["es", es],
      ["en", en],
    ] as const) {
      await page.goto(`/workspace/flows?lang=${lang}`);
      await settle(page);
      await choose(page, catalog["flow.type"], new RegExp(catalog["flowType.disbursement"]));
      await choose(page, catalog["flow.initiative"], /^BE1 ·/);
      await page.getByRole("combobox", { name: labelled(catalog["flow.commitmentLink"]) }).click();
      // The initiative's commitments are fetched once it is chosen: wait for the list to show.
      await page.getByRole("option").first().waitFor();
      const options = await page.getByRole("option").allTextContents();
      expect(options.length).toBeGreaterThan(0);
      const left = catalog["flow.linkLeft"].replace("{amount}", "").trim();
      for (const option of options) {
        expect(option).toMatch(/^BE1 · /);
        expect(option).toContain(catalog["flowType.commitment"]);
        expect(option).toContain(left);
      }
      await page.getByRole("option").first().click();
      expect(await describedBy(page, catalog["flow.commitmentLink"])).toContain(
        catalog["flow.commitmentLinkHelp"],
      );
      expect(await seriousViolations(page)).toEqual([]);

      // A commitment of CA1 sent for BE1 (as a stale form would): refused under its field.
      await page.route("**/api/flows", async (route) => {
        const body = JSON.parse(route.request().postData() ?? "{}");
        await route.continue({ postData: JSON.stringify({ ...body, commitment_id: foreign }) });
      });
      await page.getByRole("textbox", { name: labelled(catalog["form.amount"]) }).fill("10.00");
      await page.getByRole("button", { name: catalog["flow.record"] }).click();
      const expected = catalog["validation.commitment_other_initiative"].replace(
        "{initiative}",
        "CA1",
      );
      await page.getByText(expected).first().waitFor();
      expect(await describedBy(page, catalog["flow.commitmentLink"])).toContain(expected);
      await page.unroute("**/api/flows");
      expect(await seriousViolations(page)).toEqual([]);

      // The ledger table: each entry's initiative and how it came in.
      const table = page.locator('section[aria-labelledby="own-flows-title"] table');
      const header = await visibleText(table.locator("thead"));
      expect(header).toContain(catalog["flow.allocation"]);
      expect(header).toContain(catalog["flow.source"]);
      const beRow = await visibleText(
        table.locator("tbody tr").filter({ hasText: "BE1 · " }).first(),
      );
      expect(beRow).toContain(catalog["flow.origin.demo_data"]);
    }
    await context.close();
  });

  it("tells a focal point what the page is for, with no pledge form", async () => {
    const { context, page } = await signIn(portal, FOCAL_GT);
    for (const [lang, catalog] of [
      ["es", es],
      ["en", en],
    ] as const) {
      await page.goto(`/workspace/flows?lang=${lang}`);
      await settle(page);
      const explained = await visibleText(page.getByTestId("flows-not-for-role"));
      expect(explained).toContain(catalog["flowsPage.focalPoint"].split("{country}")[0]?.trim());
      expect(explained).toContain("Guatemala");
      expect(await visibleText(page.locator("main"))).toContain(catalog["flowsPage.purpose"]);
      expect(await page.getByTestId("flow-form").count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await context.close();
  });
});
