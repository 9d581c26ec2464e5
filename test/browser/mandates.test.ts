import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  api,
  chromiumMissing,
  FOCAL_GT,
  type Portal,
  SECRETARIAT,
  seriousViolations,
  settle,
  signIn,
  startPortal,
  visibleText,
} from "./support.ts";

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
/** A catalog sentence up to its first placeholder: "Pays the commitment of ". */
const lead = (sentence: string) => sentence.slice(0, sentence.indexOf("{"));

type Listed = { data: Array<{ id: string; paragraph: number }> };

/** ¶7 from the mandates list down to a disbursement, and back from DC1, in both languages. */
describe.skipIf(chromiumMissing)("mandates in the browser", { timeout: 180_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 240_000);
  afterAll(async () => {
    await portal?.stop();
  });

  for (const [lang, catalog] of [
    ["en", en],
    ["es", es],
  ] as const) {
    it(`walks ¶7 to a disbursement and back (${lang})`, async () => {
      const mandates = await api<Listed>(portal, "/mandates");
      const seventh = mandates.data.find((m) => m.paragraph === 7);
      expect(seventh).toBeDefined();
      const context = await portal.context();
      const page = await context.newPage();
      // The dashboard gives the resolution at a glance: per period, the paragraphs per status.
      await page.goto(`/?lang=${lang}`);
      await settle(page);
      const glance = page.getByRole("region", { name: catalog["mandates.panel.title"] });
      await glance.waitFor();
      const glanceText = (await visibleText(glance)).toLowerCase();
      expect(glanceText).toContain("2011-2012");
      expect(glanceText).toContain(catalog["mandates.status.in_progress"].toLowerCase());
      await glance.getByRole("link", { name: catalog["mandates.panel.open"] }).click();
      await settle(page);
      expect(new URL(page.url()).pathname).toBe("/mandates");
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole("link", { name: "¶7", exact: true }).click();
      await settle(page);
      expect(page.url()).toContain(`/mandates/${seventh?.id}`);
      // The paragraph's own text, not its loading state (a fetch may start after settling).
      await page.locator("main").getByText("To instruct the General Secretariat").first().waitFor();
      const detail = await visibleText(page.locator("main"));
      // The badge is set in capitals by the stylesheet.
      expect(detail.toLowerCase()).toContain(
        catalog["mandates.unofficialTranslation"].toLowerCase(),
      );
      expect(detail).toContain("To instruct the General Secretariat");
      expect(detail).toContain("Encomendar a la Secretaría General");
      expect(detail.toLowerCase()).toContain(catalog["mandates.status.in_progress"].toLowerCase());
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole("link", { name: catalog["mandates.openTrace"] }).click();
      await settle(page);
      expect(page.url()).toContain("/trace");
      await page.locator('[data-flow="disbursement"]').first().waitFor();
      expect(await page.locator('[data-flow="disbursement"]').count()).toBeGreaterThan(0);
      expect(await visibleText(page.locator("main"))).toContain(
        catalog["mandates.trace.disbursement"],
      );
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole("link", { name: "DC1", exact: true }).click();
      await settle(page);
      // The initiative's ledger says which commitment each disbursement pays.
      const pays = page.getByTestId("flow-link-disbursement");
      await pays.first().waitFor();
      expect(await pays.first().textContent()).toContain(lead(catalog["flow.paysCommitment"]));
      expect(await seriousViolations(page)).toEqual([]);
      const paragraphs = page.getByTestId("initiative-paragraphs");
      await paragraphs.getByRole("link").first().click();
      await settle(page);
      expect(page.url()).toContain(`/mandates/${seventh?.id}`);
      await context.close();
    });
  }

  it("the secretariat links an initiative and evidence to ¶8, errors under the field", async () => {
    const eighth = (await api<Listed>(portal, "/mandates")).data.find((m) => m.paragraph === 8);
    const { context, page } = await signIn(portal, SECRETARIAT);
    await page.goto(`/mandates/${eighth?.id}?lang=en`);
    await settle(page);
    const evidenceForm = page.getByTestId("evidence-form");
    const record = evidenceForm.getByRole("combobox", {
      name: new RegExp(`^${en["mandates.evidenceForm.target"]}`),
    });
    // Nothing chosen: refused, and said under the record's field.
    await evidenceForm.getByRole("button", { name: en["mandates.evidenceForm.add"] }).click();
    await expect.poll(() => record.getAttribute("aria-invalid")).toBe("true");
    expect(await visibleText(evidenceForm)).toContain(en["validation.format.uuid"]);
    await record.click();
    await page.getByRole("option").filter({ hasText: "AA1 ·" }).first().click();
    await evidenceForm.getByRole("button", { name: en["mandates.evidenceForm.add"] }).click();
    const remove = page.getByRole("button", { name: "Remove the evidence AA1" });
    await remove.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await remove.click();
    await expect.poll(() => remove.count()).toBe(0);

    const linkForm = page.getByTestId("initiative-link-form");
    await linkForm
      .getByRole("combobox", { name: new RegExp(`^${en["mandates.links.initiative"]}`) })
      .click();
    await page.getByRole("option").filter({ hasText: "AA1 ·" }).first().click();
    await linkForm.getByRole("button", { name: en["mandates.links.link"] }).click();
    const unlink = page.getByRole("button", { name: "Unlink AA1 from this paragraph" });
    await unlink.waitFor();
    const linked = await api<{ initiatives: Array<{ code: string }> }>(
      portal,
      `/mandates/${eighth?.id}`,
    );
    expect(linked.initiatives.map((i) => i.code)).toContain("AA1");
    await unlink.click();
    await expect.poll(() => unlink.count()).toBe(0);
    await context.close();
  });

  it("keeps a submitted request off the public pages, which show the acknowledged ones and no e-mail", async () => {
    const what = "A sentencing study nobody has acknowledged yet";
    const { context, page } = await signIn(portal, FOCAL_GT);
    await page.getByRole("link", { name: en["workspace.requests"] }).first().click();
    await page
      .getByRole("combobox", { name: new RegExp(`^${en["requests.field.initiative"]}`) })
      .click();
    await page.getByRole("option").filter({ hasText: "DB1" }).first().click();
    await page.getByRole("combobox", { name: new RegExp(`^${en["requests.field.body"]}`) }).click();
    await page.getByRole("option", { name: "Justice Studies Center of the Americas" }).click();
    await page
      .getByRole("textbox", { name: new RegExp(`^${en["requests.field.what"]}`) })
      .fill(what);
    await page
      .getByRole("textbox", { name: new RegExp(`^${en["requests.field.why"]}`) })
      .fill("To compare sentencing before and after the reform");
    await page.getByRole("button", { name: en["requests.send"] }).click();
    await page.getByRole("link", { name: what }).first().waitFor();
    await context.close();

    const eighth = (await api<Listed>(portal, "/mandates")).data.find((m) => m.paragraph === 8);
    const anonymous = await portal.context();
    const reader = await anonymous.newPage();
    for (const path of [`/mandates/${eighth?.id}?lang=es`, "/initiatives/DB1?lang=es"]) {
      await reader.goto(path);
      await settle(reader);
      const main = await visibleText(reader.locator("main"));
      // The demo's acknowledged request to JSCA on DB1 is public; the new one is not.
      expect(main).toContain("A study of case-management practice");
      expect(main).not.toContain(what);
      expect(await reader.content()).not.toMatch(EMAIL);
      expect(await seriousViolations(reader)).toEqual([]);
    }
    await anonymous.close();
  });
  it("the secretariat adds and edits an OAS body in Spanish, errors under the field", async () => {
    const { context, page } = await signIn(portal, SECRETARIAT);
    await page.goto("/workspace/directory?lang=es");
    await settle(page);
    await page.getByRole("button", { name: es["directory.form.newTitle"] }).click();
    const form = page.getByTestId("body-form");
    const field = (key: keyof typeof es) =>
      form.getByRole("textbox", { name: new RegExp(`^${es[key].replace(/[()]/g, "\\$&")}`) });
    await field("directory.form.code").fill("MESECVI");
    await field("directory.form.name.es").fill(
      "Mecanismo de Seguimiento de la Convención de Belém do Pará",
    );
    await field("directory.form.name.en").fill(
      "Follow-up Mechanism to the Belém do Pará Convention",
    );
    await field("directory.form.mandate.es").fill(
      "Da seguimiento a la Convención de Belém do Pará.",
    );
    await field("directory.form.mandate.en").fill("Follows up the Belém do Pará Convention.");
    await field("directory.form.contact_role.es").fill("Secretaría Técnica");
    // An e-mail as contact is refused, under its field, in Spanish.
    await field("directory.form.contact_role.en").fill("someone@oas.org");
    await form.getByRole("button", { name: es["directory.form.create"] }).click();
    await expect
      .poll(() => field("directory.form.contact_role.en").getAttribute("aria-invalid"))
      .toBe("true");
    expect(
      (await api<{ data: Array<{ code: string }> }>(portal, "/oas-bodies")).data.map((b) => b.code),
    ).not.toContain("MESECVI");
    await field("directory.form.contact_role.en").fill("Technical Secretariat");
    await form.getByRole("button", { name: es["directory.form.create"] }).click();
    const edit = page.getByRole("button", { name: "Editar MESECVI" });
    await edit.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await edit.click();
    await page
      .getByTestId("body-form")
      .getByRole("combobox", { name: new RegExp(`^${es["directory.kind"]}`) })
      .click();
    await page.getByRole("option", { name: es["directory.bodyKind.organ"] }).click();
    await page
      .getByTestId("body-form")
      .getByRole("button", { name: es["directory.form.save"] })
      .click();
    await page.getByText(es["directory.form.saved"].replace("{code}", "MESECVI")).waitFor();
    const body = await api<{ body_kind: string; contact_role: { en: string } }>(
      portal,
      "/oas-bodies/MESECVI",
    );
    expect(body).toMatchObject({
      body_kind: "organ",
      contact_role: { en: "Technical Secretariat" },
    });
    await context.close();
  });
});
