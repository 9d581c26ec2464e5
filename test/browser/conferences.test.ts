import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConferenceDetail, GroupOfFriends } from "../../src/contracts/conferences.ts";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  api,
  chromiumMissing,
  PARTNER_IDB,
  type Portal,
  SECRETARIAT,
  seriousViolations,
  settle,
  signIn,
  startPortal,
  usd,
  visibleText,
} from "./support.ts";

async function choose(page: Page, label: RegExp, option: string | RegExp) {
  await page.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option }).first().click();
}

/** The 2011 conference's page and the Group of Friends' page in both languages, and the editor. */
describe.skipIf(chromiumMissing)("conferences in the browser", { timeout: 240_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 300_000);
  afterAll(async () => {
    await portal?.stop();
  });

  for (const [lang, catalog] of [
    ["en", en],
    ["es", es],
  ] as const) {
    it(`shows the 2011 conference and the Group of Friends with the roll-up's totals (${lang})`, async () => {
      const conference = await api<ConferenceDetail>(portal, "/conferences/GUATEMALA-2011");
      const group = await api<GroupOfFriends>(portal, "/group-of-friends");
      const context = await portal.context();
      const page = await context.newPage();

      await page.goto(`/conferences/GUATEMALA-2011?lang=${lang}`);
      await settle(page);
      expect(await seriousViolations(page)).toEqual([]);
      const main = await visibleText(page.locator("main"));
      expect(main).toContain(conference.name[lang]);
      expect(main).toContain(catalog["conf.programme"]);
      expect(main).toContain(conference.sessions[0]?.title[lang] ?? "missing session");
      expect(main).toContain(
        lang === "en" ? "Declaration of Guatemala" : "Declaración de Guatemala",
      );
      expect(main).toContain("Hillary Rodham Clinton");
      // The totals row is the roll-up's, and each partner's row is on screen.
      const totals = page.getByTestId("conference-totals");
      const footer = await visibleText(totals.locator("tfoot"));
      expect(footer).toContain(usd(lang, conference.funding.total.announced));
      expect(footer).toContain(usd(lang, conference.funding.total.committed));
      expect(await totals.locator("tbody tr").count()).toBe(conference.funding.rows.length);
      expect(await page.getByTestId("conference-pledges").locator("tbody tr").count()).toBe(
        conference.announcements.length,
      );

      await page.getByRole("link", { name: catalog["nav.conferences"] }).first().click();
      await settle(page);
      await page.getByRole("link", { name: catalog["gof.title"] }).click();
      await settle(page);
      expect(page.url()).toContain("/group-of-friends");
      expect(await seriousViolations(page)).toEqual([]);
      const table = page.getByTestId("group-of-friends");
      expect(await table.locator("tbody tr").count()).toBe(group.members.length);
      const groupFooter = await visibleText(table.locator("tfoot"));
      expect(groupFooter).toContain(usd(lang, group.total.announced));
      expect(groupFooter).toContain(usd(lang, group.total.disbursed));
      expect(await visibleText(page.locator("main"))).toContain(
        lang === "en" ? "Republic of Korea" : "República de Corea",
      );
      await context.close();
    });
  }

  it("lets the secretariat create a conference, give it a session and publish it", async () => {
    const { context, page } = await signIn(portal, SECRETARIAT);
    await page.goto("/workspace/conferences?lang=en");
    await settle(page);
    const form = page.getByTestId("conference-form");
    const fill = (label: string, value: string) =>
      form.getByLabel(label, { exact: false }).first().fill(value);
    await fill(en["conf.field.code"], "WDC-2013");
    await fill(en["conf.field.nameEs"], "Reunión del Grupo de Amigos con el SICA");
    await fill(en["conf.field.nameEn"], "Meeting of the Group of Friends with SICA");
    await fill(en["conf.field.city"], "Washington");
    await fill(en["conf.field.country"], "US");
    await fill(en["conf.field.startDate"], "2013-03-12");
    await fill(en["conf.field.endDate"], "2013-03-12");
    await fill(en["conf.field.source"], "EFE, March 2013");
    await form.getByRole("button", { name: en["conf.create"] }).click();
    await page.waitForURL("**/workspace/conferences/WDC-2013");
    await settle(page);
    expect(await seriousViolations(page)).toEqual([]);

    // A session outside the conference's day is refused under its field; nothing is added.
    const sessions = page.getByTestId("part-form-sessions");
    const set = (label: string, value: string) =>
      sessions.getByLabel(label, { exact: false }).first().fill(value);
    await set(en["conf.field.day"], "2013-03-13");
    await set(en["conf.field.startsAt"], "10:00");
    await set(en["conf.field.endsAt"], "12:00");
    await set(en["conf.field.titleEs"], "Diálogo con el Grupo de Amigos");
    await set(en["conf.field.titleEn"], "Dialogue with the Group of Friends");
    await set(en["conf.field.source"], "EFE, March 2013");
    await sessions.getByRole("button", { name: en["conf.add.sessions"] }).click();
    await expect.poll(() => visibleText(sessions)).toContain("must fall within the conference");
    await set(en["conf.field.day"], "2013-03-12");
    await sessions.getByRole("button", { name: en["conf.add.sessions"] }).click();
    await page.getByTestId("programme").waitFor();
    expect(await visibleText(page.getByTestId("programme"))).toContain(
      "Dialogue with the Group of Friends",
    );

    const before = await api<{ data: Array<{ code: string }> }>(portal, "/conferences");
    expect(before.data.map((c) => c.code)).not.toContain("WDC-2013");
    await page.getByRole("button", { name: en["conf.publish"] }).click();
    await page.getByRole("button", { name: en["conf.unpublish"] }).waitFor();
    const after = await api<{ data: Array<{ code: string }> }>(portal, "/conferences");
    expect(after.data.map((c) => c.code)).toContain("WDC-2013");

    // When a member joined the Group of Friends, with its source.
    await page.goto("/workspace/conferences?lang=en");
    await settle(page);
    const join = page.getByTestId("group-of-friends-join-form");
    await choose(page, new RegExp(`^${en["conf.field.member"]}`), /^SWE ·/);
    await join.getByLabel(en["gof.joined"], { exact: false }).first().fill("2012-02-01");
    await join.getByLabel(en["conf.field.source"], { exact: false }).first().fill("Browser test");
    await join.getByLabel(en["conf.field.illustrative"]).uncheck();
    await join.getByRole("button", { name: en["gof.saveJoin"] }).click();
    await expect
      .poll(async () => {
        const group = await api<GroupOfFriends>(portal, "/group-of-friends");
        return group.members.find((m) => m.organization.code === "SWE")?.joined;
      })
      .toEqual({ on: "2012-02-01", illustrative: false, source: "Browser test" });
    await context.close();
  });

  it("tags a partner's pledge to the conference and the session it was announced at", async () => {
    const read = () => api<ConferenceDetail>(portal, "/conferences/GUATEMALA-2011");
    const before = await read();
    const statements = before.sessions.find((s) => s.title.en.startsWith("Statements"));
    const { context, page } = await signIn(portal, PARTNER_IDB);
    await settle(page);
    await choose(
      page,
      new RegExp(`^${en["flow.conference"].replace(/[()]/g, "\\$&")}`),
      /^GUATEMALA-2011 ·/,
    );
    await choose(page, new RegExp(`^${en["flow.conferenceSession"]}`), /Statements of friendly/);
    await page.getByRole("textbox", { name: /^Amount/ }).fill("1000000.00");
    await page.getByRole("button", { name: en["flow.record"] }).click();
    await expect
      .poll(async () => (await read()).announcements.length)
      .toBe(before.announcements.length + 1);
    const after = await read();
    const added = after.announcements.find(
      (a) => !before.announcements.some((b) => b.flow_id === a.flow_id),
    );
    expect(added).toMatchObject({ session_id: statements?.id, partner: { code: "IDB" } });
    expect(Number(after.funding.total.announced) - Number(before.funding.total.announced)).toBe(
      1_000_000,
    );
    await context.close();
  });
});
