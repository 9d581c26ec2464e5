import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveBoard } from "../../src/contracts/live-board.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { openEventStream } from "../support/sse.ts";
import { actorNames, buildWorld, type MatrixWorld, sides } from "./world.ts";

/**
 * The live board's routes are public reads: every actor is answered 200 with the same board,
 * the public's (published figures only), whatever their role and whichever partner's
 * pledges it shows; no actor sees a pledge to an unpublished initiative there, not even the
 * secretariat, who may see it elsewhere.
 */
describe("authorization: the live board's public routes × every role", () => {
  let t: TestApp;
  let w: MatrixWorld;
  let conferenceId: string;
  let hiddenPledge: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    conferenceId = (
      await t.request<{ id: string }>({
        method: "POST",
        url: "/api/conferences",
        payload: {
          code: "GUA-2011",
          name: { es: "Conferencia", en: "Conference" },
          city: "Guatemala City",
          country: "GT",
          start_date: "2011-06-22",
          end_date: "2011-06-23",
        },
      })
    ).body.id;
    await t.request({
      method: "PATCH",
      url: `/api/conferences/${conferenceId}`,
      payload: { status: "published" },
    });
    const component = (await t.request<{ id: string }>({ method: "GET", url: "/api/components/A" }))
      .body.id;
    for (const side of sides) {
      const pledged = await t.request({
        method: "POST",
        url: "/api/flows",
        payload: {
          flow_type: "pledge",
          support_kind: "financial",
          partner_id: w.partner[side].id,
          component_id: component,
          conference_id: conferenceId,
          value: { amount: side === "own" ? "700.00" : "300.00", currency: "USD" },
          value_date: "2011-06-22",
        },
      });
      expect(pledged.status).toBe(201);
    }
    const draft = await t.request<{ id: string }>({
      method: "POST",
      url: "/api/initiatives",
      payload: {
        code: "LIVEDRAFT",
        title: { en: "Draft initiative" },
        component: "A",
        lead_country: "GT",
        budget: { amount: "1000.00", currency: "USD" },
      },
    });
    const hidden = await t.request<{ id: string }>({
      method: "POST",
      url: "/api/flows",
      payload: {
        flow_type: "pledge",
        support_kind: "financial",
        partner_id: w.partner.own.id,
        initiative_id: draft.body.id,
        conference_id: conferenceId,
        value: { amount: "5000.00", currency: "USD" },
        value_date: "2011-06-22",
      },
    });
    expect(hidden.status).toBe(201);
    hiddenPledge = hidden.body.id;
  }, 120_000);
  afterAll(async () => t.close());

  it("answers GET /api/conferences/:id/live with the same public board to every actor", async () => {
    const boards = new Map<string, string>();
    for (const actor of actorNames) {
      const response = await w.send<LiveBoard>(actor, {
        method: "GET",
        url: `/api/conferences/${conferenceId}/live`,
      });
      expect({ actor, status: response.status }).toEqual({ actor, status: 200 });
      expect(response.body.totals.announced).toBe("1000.00");
      expect(JSON.stringify(response.body)).not.toContain(hiddenPledge);
      boards.set(actor, JSON.stringify({ ...response.body, as_of: "" }));
    }
    expect(new Set(boards.values()).size).toBe(1);
  });

  it("streams GET /api/conferences/:id/live/events to every actor, with the same public board", async () => {
    const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    for (const actor of actorNames) {
      const session = actor === "anonymous" ? undefined : w.sessions[actor];
      const stream = await openEventStream(
        `${address}/api/conferences/GUA-2011/live/events`,
        session ? { cookie: session.cookie } : {},
      );
      try {
        expect({ actor, status: stream.status }).toEqual({ actor, status: 200 });
        const snapshot = await stream.waitFor((e) => e.event === "snapshot");
        const board = JSON.parse(snapshot.data) as LiveBoard;
        expect(board.totals.announced).toBe("1000.00");
        expect(snapshot.data).not.toContain(hiddenPledge);
      } finally {
        stream.close();
      }
    }
  });
});
