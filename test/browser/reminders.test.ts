import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReminderList } from "../../src/contracts/reminders.ts";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import {
  chromiumMissing,
  PARTNER_IDB,
  type Portal,
  SECRETARIAT,
  seriousViolations,
  settle,
  signIn,
  startPortal,
  visibleText,
} from "./support.ts";

describe.skipIf(chromiumMissing)("reminders in the browser", { timeout: 180_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  }, 240_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("counts a partner's open items in the navigation and lists them in the inbox, es and en", async () => {
    const { context, page } = await signIn(portal, PARTNER_IDB);
    await settle(page);
    const inbox = await page.evaluate(async () => {
      const response = await fetch("/api/reminders/inbox");
      return (await response.json()) as ReminderList;
    });
    // The demo's IDB announced in 2011 what it has not all committed: there is something to do.
    expect(inbox.total).toBeGreaterThan(0);
    expect(inbox.data.every((i) => i.organization?.code === "IDB")).toBe(true);
    const badge = page.getByTestId("inbox-count");
    await badge.waitFor();
    expect(await visibleText(badge)).toBe(String(inbox.total));
    await page.getByRole("link", { name: /^Inbox/ }).click();
    await settle(page);
    await page.getByRole("heading", { name: en["reminders.inbox.title"], level: 1 }).waitFor();
    expect(await page.getByRole("table").locator("tbody tr").count()).toBe(inbox.total);
    const first = inbox.data[0];
    if (!first) throw new Error("no item");
    await page
      .getByRole("cell", { name: en[`reminders.rule.${first.rule}`] })
      .first()
      .waitFor();
    // Each item links to where it is fixed: a partner's entries at its desk.
    const fix = page.getByRole("link", { name: en["reminders.fix"] }).first();
    expect(await fix.getAttribute("href")).toBe(first.fix_path);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${portal.url}/workspace/inbox?lang=es`);
    await settle(page);
    await page.getByRole("heading", { name: es["reminders.inbox.title"], level: 1 }).waitFor();
    await page
      .getByRole("cell", { name: es[`reminders.rule.${first.rule}`] })
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("shows the secretariat every open item with its age, and runs the check on demand", async () => {
    const { context, page } = await signIn(portal, SECRETARIAT);
    await page.getByRole("link", { name: en["reminders.quality.nav"] }).click();
    await settle(page);
    const quality = await page.evaluate(async () => {
      const response = await fetch("/api/reminders/data-quality");
      return (await response.json()) as ReminderList;
    });
    expect(quality.total).toBeGreaterThan(0);
    expect(await page.getByRole("table").locator("tbody tr").count()).toBe(quality.total);
    const oldest = quality.data[0];
    if (!oldest) throw new Error("no item");
    await page
      .getByRole("cell", {
        name: en["reminders.days"].replace("{count}", oldest.age_days.toLocaleString("en")),
      })
      .first()
      .waitFor();
    await page.getByRole("button", { name: en["reminders.quality.runNow"] }).click();
    await page.getByTestId("reminder-run").first().waitFor();
    const run = await visibleText(page.getByTestId("reminder-run").first());
    expect(run).toContain(`${quality.total.toLocaleString("en")} open items`);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
