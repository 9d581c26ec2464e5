import { existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from "playwright-core";
import { ensureWebBuilt } from "../../src/web/build/ensure-built.ts";
import { en } from "../../src/web/i18n/en.ts";
import { cliEnv, startCliServer } from "../support/cli.ts";
import { demoDataDir } from "../support/demo-data-dir.ts";

export const CHROMIUM = "/usr/bin/chromium";
/** Why the browser tests do not run here, or false when they do. */
export const chromiumMissing = process.env.ESCA_TEST_DATABASE_URL
  ? "browser tests skipped: they run once, in the embedded-database pass of the suite"
  : existsSync(CHROMIUM)
    ? false
    : `browser tests skipped: ${CHROMIUM} is not installed (apt-get install chromium)`;

// One line saying why, where a browser test would otherwise just be reported as skipped.
if (chromiumMissing) console.warn(chromiumMissing);

export const screenshotDir = fileURLToPath(
  new URL("../../test-output/screenshots/", import.meta.url),
);

export interface Portal {
  url: string;
  browser: Browser;
  /** A fresh browser context (cookies, storage) at a given viewport. */
  context(options?: { width?: number; height?: number; locale?: string }): Promise<BrowserContext>;
  stop(): Promise<void>;
}

/**
 * The real thing: the web application built if needed, `esca serve` on a temporary data
 * folder (demo data loaded on first start), and Debian's Chromium.
 */
export async function startPortal(): Promise<Portal> {
  await ensureWebBuilt(() => {});
  const dataDir = await demoDataDir("esca-browser-");
  const server = await startCliServer(cliEnv(dataDir));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    url: server.url,
    browser,
    context: (options = {}) =>
      browser.newContext({
        viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
        locale: options.locale ?? "en-US",
        acceptDownloads: true,
        baseURL: server.url,
        // The server's CSP forbids eval; Playwright's polling helpers need it in tests only.
        bypassCSP: true,
      }),
    async stop() {
      await browser.close();
      await server.stop();
      rmSync(dirname(dataDir), { recursive: true, force: true });
    },
  };
}

/** Waits until the page has data on screen (no loader left) and charts have drawn. */
export async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  // The page on screen is the one the address names (client navigation renders in a
  // transition, after the URL changes), and nothing on it is still loading.
  await page.waitForFunction(
    `(() => {
      const main = document.querySelector("main[data-rendered-path]");
      return main !== null &&
        main.getAttribute("data-rendered-path") === location.pathname &&
        main.getAttribute("aria-busy") !== "true" &&
        document.querySelectorAll('[role="status"]').length === 0;
    })()`,
    null,
    { timeout: 15_000 },
  );
  await page.waitForTimeout(300);
}

export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    );
}

export const usd = (lang: "en" | "es", amount: string) =>
  new Intl.NumberFormat(lang === "en" ? "en" : "es-419", {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  }).format(amount as unknown as number);

export async function api<T>(portal: Portal, path: string): Promise<T> {
  const response = await fetch(`${portal.url}/api${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** The text a person sees (hidden elements left out), unlike textContent. */
export const visibleText = (locator: Locator) =>
  // biome-ignore lint/performance/useDomNodeTextContent: visible text is the point here
  locator.innerText();

/** A full-page screenshot from the top, so the sticky header sits where it belongs. */
export async function screenshot(page: Page, name: string) {
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

// The demo accounts the seed creates (README): one per role.
export const FOCAL_GT = {
  email: "focal.gt@demo.esca-hub.org",
  password: "Quetzal-Antigua-focal-2011",
};
export const PARTNER_IDB = {
  email: "partner.idb@demo.esca-hub.org",
  password: "Pledge-Washington-partner-2011",
};
export const SECRETARIAT = {
  email: "secretariat@demo.esca-hub.org",
  password: "Endorse-San-Salvador-2011",
};

/** A fresh browser context signed in to the workspace, in English. */
export async function signIn(portal: Portal, account: { email: string; password: string }) {
  const context = await portal.context();
  const page = await context.newPage();
  await page.goto(`${portal.url}/workspace?lang=en`);
  await page.locator("input[type=email]").fill(account.email);
  await page.locator("input[type=password]").fill(account.password);
  await page.getByRole("button", { name: en["login.submit"] }).click();
  await page.getByTestId("signed-in-user").waitFor();
  return { context, page };
}
