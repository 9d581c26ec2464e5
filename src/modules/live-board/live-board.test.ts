import compress from "@fastify/compress";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestApp } from "../../../test/support/app.ts";
import { openEventStream } from "../../../test/support/sse.ts";
import type { LiveBoard } from "../../contracts/live-board.ts";
import { figureToMinorUnits } from "../../contracts/money.ts";
import { openEventBus } from "../../platform/events/index.ts";
import { createHttpApp } from "../../platform/http/app.ts";
import {
  insertInitiative,
  type LedgerWorld,
  openLedgerWorld,
  postFlow,
  postReversal,
} from "../funding/funding.fixtures.ts";
import { liveBoardRoutes } from "./index.ts";
import { HEARTBEAT_MS, RETRY_MS } from "./live-board.routes.ts";

const cents = (figure: string | null) => figureToMinorUnits(figure ?? "0", "USD");
const measures = ["announced", "committed", "disbursed", "announced_not_committed"] as const;

/** Every total of the board is the sum of its partner rows, to the cent. */
function expectTotalsAreTheSumOfRows(board: LiveBoard) {
  for (const measure of measures) {
    const sum = board.partners.reduce((total, row) => total + cents(row[measure]), 0n);
    expect({ measure, sum }).toEqual({ measure, sum: cents(board.totals[measure]) });
  }
}

describe("the live pledge board", () => {
  let t: TestApp;
  let w: LedgerWorld;
  let conferenceId: string;
  let spainPledge: string;
  let euPledge: string;
  let address: string | undefined;
  const listening = async () => {
    address ??= await t.app.listen({ port: 0, host: "127.0.0.1" });
    return address;
  };
  const board = async (id = "gua-2011") => {
    const response = await t.anonymous<LiveBoard>({
      method: "GET",
      url: `/api/conferences/${id}/live`,
    });
    expect(response.status).toBe(200);
    return response.body;
  };
  const pledge = (partner: string, amount: string, extra: Record<string, unknown> = {}) =>
    postFlow(t, {
      flow_type: "pledge",
      support_kind: "financial",
      partner_id: partner,
      value: { amount, currency: "USD" },
      value_date: "2011-06-22",
      conference_id: conferenceId,
      source: "Declaration of Guatemala, annex",
      ...extra,
    });

  beforeAll(async () => {
    ({ t, w } = await openLedgerWorld());
    const created = await t.request<{ id: string }>({
      method: "POST",
      url: "/api/conferences",
      payload: {
        code: "GUA-2011",
        name: { es: "Conferencia de Guatemala", en: "Guatemala Conference" },
        city: "Guatemala City",
        country: "GT",
        start_date: "2011-06-22",
        end_date: "2011-06-23",
        source: "SEGIB",
      },
    });
    conferenceId = created.body.id;
    // The board is public: it shows published conferences only.
    const draft = await t.anonymous({
      method: "GET",
      url: `/api/conferences/${conferenceId}/live`,
    });
    expect(draft.status).toBe(404);
    const published = await t.request({
      method: "PATCH",
      url: `/api/conferences/${conferenceId}`,
      payload: { status: "published" },
    });
    expect(published.status).toBe(200);
  });
  afterAll(async () => t.close());

  it("sums what was announced at the conference and what followed it, from the roll-up", async () => {
    spainPledge = (await pledge(w.partners.ES, "10000000.00")).body.id;
    euPledge = (
      await pledge(w.partners.EU, "1000000.00", {
        value: { amount: "1000000.00", currency: "EUR" },
        illustrative: true,
        source: null,
      })
    ).body.id;
    // Not at the conference: not on its board.
    expect((await pledge(w.partners.IDB, "99.00", { conference_id: null })).status).toBe(201);
    // A commitment that follows Spain's pledge counts as committed, though not tagged itself.
    const commitment = await postFlow(t, {
      flow_type: "commitment",
      support_kind: "financial",
      partner_id: w.partners.ES,
      pledge_id: spainPledge,
      value: { amount: "4000000.00", currency: "USD" },
      value_date: "2012-03-01",
    });
    expect(commitment.status).toBe(201);
    // …and a disbursement that follows that commitment, as disbursed.
    const disbursement = await postFlow(t, {
      flow_type: "disbursement",
      support_kind: "financial",
      partner_id: w.partners.ES,
      commitment_id: commitment.body.id,
      value: { amount: "1000000.00", currency: "USD" },
      value_date: "2012-09-01",
    });
    expect(disbursement.status).toBe(201);

    const live = await board();
    expect(live.conference).toMatchObject({ id: conferenceId, code: "GUA-2011", source: "SEGIB" });
    // 1,000,000.00 EUR at 1.4385 → 1,438,500.00 USD.
    expect(live.totals).toEqual({
      announced: "11438500.00",
      committed: "4000000.00",
      disbursed: "1000000.00",
      announced_not_committed: "7438500.00",
    });
    expect(live.partners.map((row) => [row.partner.code, row.announced, row.committed])).toEqual([
      ["ES", "10000000.00", "4000000.00"],
      ["EU", "1438500.00", "0.00"],
    ]);
    expectTotalsAreTheSumOfRows(live);
    expect(live.latest_pledges.map((p) => [p.partner.code, p.value])).toEqual([
      ["EU", { amount: "1000000.00", currency: "EUR" }],
      ["ES", { amount: "10000000.00", currency: "USD" }],
    ]);
    expect(live.pledge_count).toBe(2);
    expect(live.sources).toEqual(["Declaration of Guatemala, annex"]);
    expect(live.illustrative).toBe(true);
  });

  it("shows the public no pledge to an unpublished initiative, and no e-mail address", async () => {
    const draft = await insertInitiative(t.handle.db, {
      code: "DRAFT1",
      componentId: w.components.A,
      leadCountry: "GT",
      budgetUsdMinor: 100_000_00n,
      status: "draft",
    });
    expect((await pledge(w.partners.IDB, "5000.00", { initiative_id: draft })).status).toBe(201);
    const live = await board();
    expect(live.totals.announced).toBe("11438500.00");
    expect(live.partners.map((row) => row.partner.code)).not.toContain("IDB");
    expect(JSON.stringify(live)).not.toMatch(/@|DRAFT1/);
  });

  it("nets a reversed pledge out of the totals and marks it withdrawn", async () => {
    const reversal = await postReversal(t, euPledge, { reason: "Announced twice" });
    expect(reversal.status).toBe(201);
    const live = await board(conferenceId);
    expect(live.totals.announced).toBe("10000000.00");
    expect(live.latest_pledges.find((p) => p.id === euPledge)?.reversed).toBe(true);
    expectTotalsAreTheSumOfRows(live);
  });

  it("answers 404 for an unknown conference, on the board and its stream", async () => {
    for (const url of [
      "/api/conferences/NOPE-1999/live",
      "/api/conferences/NOPE-1999/live/events",
    ]) {
      const response = await t.anonymous<{ error: { code: string } }>({ method: "GET", url });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("not_found");
    }
  });

  it("streams a snapshot at once and a new one when a pledge is recorded", async () => {
    const stream = await openEventStream(
      `${await listening()}/api/conferences/GUA-2011/live/events`,
    );
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      const first = await stream.waitFor((e) => e.event === "snapshot");
      expect((JSON.parse(first.data) as LiveBoard).totals.announced).toBe("10000000.00");
      expect(stream.retry).toBe(RETRY_MS);
      const recorded = await pledge(w.partners.IDB, "250000.00");
      expect(recorded.status).toBe(201);
      const next = await stream.waitFor(
        (e) => e.event === "snapshot" && e.data.includes(recorded.body.id),
      );
      const updated = JSON.parse(next.data) as LiveBoard;
      expect(updated.totals.announced).toBe("10250000.00");
      expect(updated.latest_pledges[0]?.id).toBe(recorded.body.id);
      expectTotalsAreTheSumOfRows(updated);
    } finally {
      stream.close();
    }
  });

  it("sends a heartbeat with the server's clock every 15 s, and stops when the screen leaves", async () => {
    // Only the stream's interval is faked: sockets and everything else keep real time.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const stream = await openEventStream(
        `${await listening()}/api/conferences/GUA-2011/live/events`,
      );
      try {
        await stream.waitFor((e) => e.event === "snapshot");
        expect(stream.events.filter((e) => e.event === "heartbeat")).toEqual([]);
        vi.advanceTimersByTime(HEARTBEAT_MS);
        const beat = await stream.waitFor((e) => e.event === "heartbeat");
        expect(Number.isNaN(Date.parse((JSON.parse(beat.data) as { at: string }).at))).toBe(false);
      } finally {
        stream.close();
      }
      // The closed stream's interval is cleared: none is left to fire.
      await vi.waitFor(() => expect(vi.getTimerCount()).toBe(0));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the live board's stream behind @fastify/compress", () => {
  it("is never compressed, even when the client accepts gzip", async () => {
    const { t } = await openLedgerWorld();
    const events = await openEventBus(t.handle);
    const app = createHttpApp({ logLevel: "silent" });
    try {
      await t.request({
        method: "POST",
        url: "/api/conferences",
        payload: {
          code: "GOF-2012",
          name: { es: "Grupo de Amigos", en: "Group of Friends" },
          city: "Washington",
          country: "US",
          start_date: "2012-01-25",
          end_date: "2012-01-25",
        },
      });
      await t.request({
        method: "PATCH",
        url: "/api/conferences/GOF-2012",
        payload: { status: "published" },
      });
      await app.register(compress, { global: true, threshold: 0 });
      await app.register(liveBoardRoutes, {
        prefix: "/api",
        ctx: { db: t.handle.db, backend: t.handle.backend, events },
      });
      const address = await app.listen({ port: 0, host: "127.0.0.1" });
      // The snapshot route itself is compressed: the plugin is at work.
      const snapshot = await fetch(`${address}/api/conferences/GOF-2012/live`, {
        headers: { "accept-encoding": "gzip" },
      });
      expect(snapshot.headers.get("content-encoding")).toBe("gzip");
      const stream = await openEventStream(`${address}/api/conferences/GOF-2012/live/events`, {
        "accept-encoding": "gzip",
      });
      try {
        expect(stream.headers.get("content-encoding")).toBeNull();
        const first = await stream.waitFor((e) => e.event === "snapshot");
        expect((JSON.parse(first.data) as LiveBoard).conference.code).toBe("GOF-2012");
      } finally {
        stream.close();
      }
    } finally {
      await app.close();
      await events.close();
      await t.close();
    }
  });
});
