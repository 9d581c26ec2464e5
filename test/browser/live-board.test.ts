import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveBoard } from "../../src/contracts/live-board.ts";
import { ensureWebBuilt } from "../../src/web/build/ensure-built.ts";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";
import { cliEnv, startCliServer } from "../support/cli.ts";
import { demoDataDir } from "../support/demo-data-dir.ts";
import {
  CHROMIUM,
  chromiumMissing,
  PARTNER_IDB,
  removeDir,
  SECRETARIAT,
  screenshotDir,
  seriousViolations,
  usd,
  visibleText,
} from "./support.ts";

/** The behaviour bound of the issue: a recorded pledge is on the other screen within 1 s. */
const WITHIN_ONE_SECOND = 1000;

type Server = Awaited<ReturnType<typeof startCliServer>>;

describe.skipIf(chromiumMissing)(
  "the live pledge board in the browser",
  { timeout: 240_000 },
  () => {
    let dataDir: string;
    let server: Server;
    let port: string;
    let browser: Browser;
    let conference: { id: string; code: string };
    let partnerId: string;

    beforeAll(async () => {
      await ensureWebBuilt(() => {});
      dataDir = await demoDataDir("esca-live-board-");
      server = await startCliServer(cliEnv(dataDir));
      port = new URL(server.url).port;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      });
      mkdirSync(screenshotDir, { recursive: true });
      const conferences = (await (await fetch(`${server.url}/api/conferences`)).json()) as {
        data: Array<{ id: string; code: string }>;
      };
      conference = conferences.data[0] as { id: string; code: string };
      const spain = (await (await fetch(`${server.url}/api/organizations/ESP`)).json()) as {
        id: string;
      };
      partnerId = spain.id;
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      if (dataDir) removeDir(dataDir);
    });

    /** The secretariat's workspace page, whose session records a pledge through the API. */
    async function recorder() {
      const context = await browser.newContext({ baseURL: server.url, bypassCSP: true });
      const page = await context.newPage();
      const login = await page.request.post("/api/auth/login", { data: SECRETARIAT });
      expect(login.status()).toBe(200);
      const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
      await page.goto("/workspace?lang=en");
      return {
        page,
        async pledge(amount: string, note: string) {
          const response = await page.request.post("/api/flows", {
            headers: { "x-csrf-token": csrf },
            data: {
              flow_type: "pledge",
              support_kind: "financial",
              partner_id: partnerId,
              conference_id: conference.id,
              value: { amount, currency: "USD" },
              value_date: "2011-06-23",
              source: "Browser test: announced from the floor",
              note,
            },
          });
          expect(response.status()).toBe(201);
          return ((await response.json()) as { id: string }).id;
        },
      };
    }

    /**
     * The IDB's partner officer at the workspace's flow form, signed in through the login form:
     * a pledge recorded there is tagged to the conference and answered with its id.
     */
    async function formRecorder() {
      const context = await browser.newContext({ baseURL: server.url, bypassCSP: true });
      const page = await context.newPage();
      await page.goto("/workspace?lang=en");
      await page.locator("input[type=email]").fill(PARTNER_IDB.email);
      await page.locator("input[type=password]").fill(PARTNER_IDB.password);
      await page.getByRole("button", { name: en["login.submit"] }).click();
      await page.getByTestId("signed-in-user").waitFor();
      const conferenceLabel = new RegExp(`^${en["flow.conference"].replace(/[()]/g, "\\$&")}`);
      await page.getByRole("combobox", { name: conferenceLabel }).click();
      await page.getByRole("option", { name: new RegExp(`^${conference.code} ·`) }).click();
      return {
        page,
        async pledge(amount: string) {
          await page.getByRole("textbox", { name: /^Amount/ }).fill(amount);
          const answered = page.waitForResponse(
            (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/flows",
          );
          await page.getByRole("button", { name: en["flow.record"] }).click();
          const response = await answered;
          expect(response.status()).toBe(201);
          return ((await response.json()) as { id: string }).id;
        },
      };
    }

    async function boardPage(width: number, height: number, lang: "en" | "es") {
      const context = await browser.newContext({
        viewport: { width, height },
        baseURL: server.url,
        bypassCSP: true,
      });
      const page = await context.newPage();
      await page.goto(`/conferences/${conference.code}/live?lang=${lang}`);
      await page.locator('[data-state="live"]').waitFor({ timeout: 15_000 });
      return page;
    }

    const readBoard = async () =>
      (await (
        await fetch(`${server.url}/api/conferences/${conference.id}/live`)
      ).json()) as LiveBoard;

    /** The pledge and the new total are on `board` within one second of being recorded. */
    async function expectOnBoard(board: Page, id: string) {
      await board.locator(`[data-pledge-id="${id}"]`).waitFor({ timeout: WITHIN_ONE_SECOND });
      const expected = usd("en", (await readBoard()).totals.announced);
      await board
        .getByTestId("live-announced")
        .filter({ hasText: expected })
        .waitFor({ timeout: WITHIN_ONE_SECOND });
    }

    it("shows a pledge recorded on another page within one second, in both languages", async () => {
      const board = await boardPage(1920, 1080, "en");
      const before = await readBoard();
      expect(await visibleText(board.getByTestId("live-announced"))).toBe(
        usd("en", before.totals.announced),
      );
      // Both languages on one screen: the English label and the Spanish beneath it.
      const heading = board.getByRole("heading", { name: new RegExp(en["liveBoard.announced"]) });
      expect(await visibleText(heading)).toContain(es["liveBoard.announced"]);
      // Recorded on the other page, through the workspace's flow form.
      const { page, pledge } = await formRecorder();
      const id = await pledge("25000000.00");
      await expectOnBoard(board, id);
      const recorded = (await readBoard()).latest_pledges.find((p) => p.id === id);
      expect(recorded?.partner.code).toBe("IDB");
      expect(await board.locator(".lb-new").count()).toBe(1);
      for (const violation of await seriousViolations(board)) expect.fail(violation);
      await board.screenshot({ path: join(screenshotDir, "live-board-1920.png") });

      const phone = await boardPage(390, 844, "es");
      expect(await visibleText(phone.getByTestId("live-announced"))).toBe(
        usd("es", (await readBoard()).totals.announced),
      );
      // Nothing sticks out past the phone's screen (named, to say which when something does);
      // the partner table may scroll sideways within its own panel.
      const outside = await phone.evaluate(`[...document.querySelectorAll("body *")]
        .filter((element) => !element.parentElement?.closest(".lb-table-wrap"))
        .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((element) => element.tagName + "." + String(element.className).split(" ")[0])`);
      expect(outside).toEqual([]);
      // Nor does any text (a figure kept on one line) widen the page.
      expect(
        await phone.evaluate(
          "document.documentElement.scrollWidth <= document.documentElement.clientWidth",
        ),
      ).toBe(true);
      await phone.screenshot({
        path: join(screenshotDir, "live-board-phone-es.png"),
        fullPage: true,
      });
      await phone.context().close();
      await page.context().close();
      await board.context().close();
    });

    it("reconnects by itself after the server restarts, and goes on updating", async () => {
      const board = await boardPage(1280, 800, "en");
      const heardBefore = await visibleText(board.getByTestId("live-last-heard"));
      expect(heardBefore).toMatch(/^Last heard from the server at /);

      await server.stop();
      await board.locator('[data-state="reconnecting"]').waitFor({ timeout: 10_000 });
      expect(await visibleText(board.locator('[role="status"]'))).toContain(
        en["liveBoard.state.reconnecting"],
      );
      server = await startCliServer(cliEnv(dataDir), Number(port));
      expect(new URL(server.url).port).toBe(port);
      await board.locator('[data-state="live"]').waitFor({ timeout: 30_000 });

      const { page, pledge } = await recorder();
      const id = await pledge("1500000.00", "after the restart");
      await expectOnBoard(board, id);
      await page.context().close();
      await board.context().close();
    });
  },
);
