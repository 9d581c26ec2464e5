import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReminderList, ReminderRun } from "../../src/contracts/reminders.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { type ActorName, actorNames, buildWorld, type MatrixWorld, sides } from "./world.ts";

const staff = (actor: ActorName) => actor === "secretariat" || actor === "admin";

/**
 * The reminder routes that read (the matrix of cases.ts covers the run the secretariat asks
 * for): the inbox is every signed-in user's, holding their own organization's items only
 * (staff: and the secretariat's, which name no organization); the data-quality page and the
 * history of runs are the secretariat's and admins'; the public is asked to sign in.
 */
describe("authorization: the reminder routes that read × every role", () => {
  let t: TestApp;
  let w: MatrixWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    // An unsourced pledge of 2011 per partner, never committed: two open items each, one of
    // "own" and one of "other"'s organization.
    for (const side of sides) {
      const pledged = await t.request({
        method: "POST",
        url: "/api/flows",
        payload: {
          flow_type: "pledge",
          support_kind: "financial",
          partner_id: w.partner[side].id,
          value: { amount: "100.00", currency: "USD" },
          value_date: "2011-06-22",
        },
      });
      expect(pledged.status).toBe(201);
    }
    // The secretariat's own item: a flow whose exchange rate was withdrawn after it was valued.
    const rate = await t.request({
      method: "PUT",
      url: "/api/exchange-rates/SEK/2011-06-01",
      payload: { usd_per_unit: "0.157", basis: "monthly_average", source: "Riksbank" },
    });
    expect(rate.status).toBeLessThan(300);
    const blocked = await t.request({
      method: "POST",
      url: "/api/flows",
      payload: {
        flow_type: "pledge",
        support_kind: "financial",
        partner_id: w.partner.other.id,
        value: { amount: "900.00", currency: "SEK" },
        value_date: "2011-06-23",
        source: "Authorization test",
      },
    });
    expect(blocked.status).toBe(201);
    await t.handle.db.deleteFrom("exchange_rates").where("currency", "=", "SEK").execute();
    const run = await t.request({ method: "POST", url: "/api/reminders/runs" });
    expect(run.status).toBe(201);
  }, 120_000);
  afterAll(async () => t.close());

  it("answers GET /api/reminders/inbox with each actor's own items only, the public with 401", async () => {
    for (const actor of actorNames) {
      const response = await w.send<ReminderList>(actor, {
        method: "GET",
        url: "/api/reminders/inbox",
      });
      const expected = actor === "anonymous" ? 401 : 200;
      expect({ actor, status: response.status }).toEqual({ actor, status: expected });
      if (actor === "anonymous") continue;
      const codes = new Set(response.body.data.map((i) => i.organization?.code ?? null));
      expect(response.body.total).toBe(response.body.data.length);
      // Nobody sees another partner's items; staff see the secretariat's beside their own.
      expect({ actor, other: codes.has(w.partner.other.code) }).toEqual({ actor, other: false });
      expect({ actor, secretariat: codes.has(null) }).toEqual({ actor, secretariat: staff(actor) });
      if (actor === "partner") {
        expect([...codes]).toEqual([w.partner.own.code]);
        expect(new Set(response.body.data.map((i) => i.rule))).toEqual(
          new Set(["pledge_not_committed", "source_missing"]),
        );
      }
      if (staff(actor)) {
        expect(response.body.data.some((i) => i.rule === "rate_missing")).toBe(true);
      }
    }
  });

  it("answers GET /api/reminders/data-quality with every open item to staff only", async () => {
    for (const actor of actorNames) {
      const response = await w.send<ReminderList>(actor, {
        method: "GET",
        url: "/api/reminders/data-quality",
      });
      const expected = actor === "anonymous" ? 401 : staff(actor) ? 200 : 403;
      expect({ actor, status: response.status }).toEqual({ actor, status: expected });
      if (!staff(actor)) {
        expect(JSON.stringify(response.body)).not.toContain(w.partner.own.code);
        continue;
      }
      const codes = new Set(response.body.data.map((i) => i.organization?.code ?? null));
      expect(codes).toEqual(new Set([w.partner.own.code, w.partner.other.code, null]));
      expect(response.body.data.every((i) => i.age_days >= 0 && i.fix_path.startsWith("/"))).toBe(
        true,
      );
    }
  });

  it("answers GET /api/reminders/runs with the check's history to staff only", async () => {
    for (const actor of actorNames) {
      const response = await w.send<{ data: ReminderRun[] }>(actor, {
        method: "GET",
        url: "/api/reminders/runs",
      });
      const expected = actor === "anonymous" ? 401 : staff(actor) ? 200 : 403;
      expect({ actor, status: response.status }).toEqual({ actor, status: expected });
      if (!staff(actor)) {
        expect(response.body).not.toHaveProperty("data");
        continue;
      }
      expect(response.body.data.length).toBe(1);
      expect(response.body.data[0]).toMatchObject({ trigger: "manual", digests_sent: 0 });
      expect(response.body.data[0]?.item_count).toBeGreaterThanOrEqual(5);
    }
  });
});
