import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumMissing, type Portal, settle, startPortal, visibleText } from "./support.ts";

const ADMIN = { email: "admin@demo.esca-hub.org", password: "Operate-Guatemala-admin-2011" };
/** A partner's name as a hostile IATI file could give it: a live link and an image. */
const HOSTILE =
  '<a id="planted-link" href="https://evil.example/">IDB</a><img id="planted-img" src="x" onerror="window.__planted=1">';

/** Renames an organization through the API, signed in as the demo administrator. */
async function rename(portal: Portal, code: string, name: string) {
  const login = await fetch(`${portal.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrf_token } = (await login.json()) as { csrf_token: string };
  const renamed = await fetch(`${portal.url}/api/organizations/${code}`, {
    method: "PATCH",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf_token },
    body: JSON.stringify({ name: { es: name, en: name } }),
  });
  expect(renamed.status, await renamed.text()).toBe(200);
}

describe.skipIf(chromiumMissing)("chart tooltips in the browser", { timeout: 120_000 }, () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
    await rename(portal, "IDB", HOSTILE);
  }, 240_000);
  afterAll(async () => {
    await portal?.stop();
  });

  it("shows a partner named with HTML as text in the chart's tooltip, creating no element", async () => {
    const context = await portal.context();
    const page = await context.newPage();
    await page.goto(`${portal.url}/partners?lang=en`);
    await settle(page);
    const chart = page.locator(".chart").first();
    await chart.locator("svg").waitFor();
    const box = await chart.boundingBox();
    if (!box) throw new Error("the partners chart has no box");
    const tooltip = page.locator(".chart-tooltip");
    // Down the chart, one category band after another, until the tooltip shows the partner
    // (its name as text, or only "IDB" were the name read as HTML).
    let shown = "";
    for (let y = box.y + 44; y < box.y + box.height - 4 && !shown.includes("IDB"); y += 10) {
      await page.mouse.move(box.x + box.width * 0.6, y);
      await page.waitForTimeout(60);
      shown = (await tooltip.count()) > 0 ? await visibleText(tooltip.first()) : "";
    }
    expect(await tooltip.first().locator("a, img, script").count()).toBe(0);
    expect(await page.locator("#planted-link, #planted-img").count()).toBe(0);
    expect(await page.evaluate("window.__planted")).toBeUndefined();
    expect(shown).toContain(HOSTILE);
    await context.close();
  });
});
