import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import type { FundingSummary } from "../funding/index.ts";
import {
  ac1Payload,
  type ErrorBody,
  type InitiativeWorld,
  insertCommitment,
  setUpInitiativeWorld,
  submitAndPublish,
  usdPayload,
} from "./initiatives.fixtures.ts";
import type { InitiativeListItem } from "./initiatives.schema.ts";

type List = {
  data: InitiativeListItem[];
  page: { total: number; limit: number; offset: number };
};

/**
 * The list sorted by the roll-up's figures: AC1 (budget 30,927,750.00, 400.00 committed),
 * BA1 (budget 1,293.90, nothing committed), BB1 (budget 5,000,000.00, all of it committed,
 * 100.00 disbursed). Sorting and paging happen on the server; the figures are the roll-up's.
 */
describe("initiatives sorted by committed, disbursed and gap", () => {
  let t: TestApp;
  let w: InitiativeWorld;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    w = await setUpInitiativeWorld(t);
    const focal = await t.signIn({ role: "focal_point", organization: "GT" });
    const created = [
      await focal.request<InitiativeListItem>({
        method: "POST",
        url: "/api/initiatives",
        payload: ac1Payload({ executing_agency_id: w.organizations.UNDP }),
      }),
      await t.request<InitiativeListItem>({
        method: "POST",
        url: "/api/initiatives",
        payload: usdPayload("BA1", {
          line_of_action: "BA",
          lead_country: "SV",
          budget: { amount: "1293.90", currency: "USD" },
        }),
      }),
      await t.request<InitiativeListItem>({
        method: "POST",
        url: "/api/initiatives",
        payload: usdPayload("BB1", {
          budget: { amount: "5000000", currency: "USD" },
          line_of_action: "BB",
          countries: ["GT"],
        }),
      }),
    ];
    for (const response of created) {
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      ids[response.body.code] = response.body.id;
    }
    const commit = (code: string, componentId: string, usdMinor: bigint) =>
      insertCommitment(t.handle.db, {
        initiativeId: ids[code] ?? "",
        componentId,
        partnerId: w.organizations.EU,
        usdMinor,
      });
    await commit("AC1", w.components.A, 40_000n);
    await commit("BB1", w.components.B, 500_000_000n);
    await t.handle.db
      .insertInto("support_flows")
      .values({
        flow_type: "disbursement",
        support_kind: "financial",
        partner_id: w.organizations.EU,
        initiative_id: ids.BB1 ?? "",
        component_id: w.components.B,
        amount_minor: 10_000n,
        currency: "USD",
        value_date: "2012-02-01",
        usd_minor: 10_000n,
        fx_rate: "1",
        fx_date: "2012-02-01",
        recorded_by: "test",
      })
      .execute();
  });
  afterAll(async () => t.close());

  const list = async (query: string) =>
    (await t.request<List>({ method: "GET", url: `/api/initiatives?${query}` })).body;
  const codes = async (query: string) => (await list(query)).data.map((i) => i.code);

  it("orders by each figure both ways, an initiative without it last, ties by code", async () => {
    expect(await codes("sort=-committed")).toEqual(["BB1", "AC1", "BA1"]);
    expect(await codes("sort=committed")).toEqual(["BA1", "AC1", "BB1"]);
    expect(await codes("sort=-disbursed")).toEqual(["BB1", "AC1", "BA1"]);
    expect(await codes("sort=disbursed")).toEqual(["AC1", "BA1", "BB1"]);
    expect(await codes("sort=-gap")).toEqual(["AC1", "BA1", "BB1"]);
    expect(await codes("sort=gap")).toEqual(["BB1", "BA1", "AC1"]);
    // The filter still applies, and so does the sort within it.
    expect(await codes("sort=-gap&component=B")).toEqual(["BA1", "BB1"]);
  });

  it("cuts the page from the whole sorted list, with the filter's total", async () => {
    const second = await list("sort=-committed&limit=1&offset=1");
    expect(second.data.map((i) => i.code)).toEqual(["AC1"]);
    expect(second.page).toEqual({ total: 3, limit: 1, offset: 1 });
    const last = await list("sort=-committed&limit=2&offset=2");
    expect(last.data.map((i) => i.code)).toEqual(["BA1"]);
  });

  it("carries each initiative's figures exactly as the roll-up gives them", async () => {
    const items = (await list("sort=code")).data;
    const summary = (
      await t.request<FundingSummary>({ method: "GET", url: "/api/funding/summary?by=initiative" })
    ).body;
    for (const item of items) {
      const row = summary.rows.find((r) => r.key.initiative?.id === item.id);
      expect(row, item.code).toBeDefined();
      expect(item.funding).toEqual({
        budget: row?.budget,
        committed: row?.committed,
        disbursed: row?.disbursed,
        gap: row?.gap,
      });
    }
    expect(items.find((i) => i.code === "AC1")?.funding).toEqual({
      budget: "30927750.00",
      committed: "400.00",
      disbursed: "0.00",
      gap: "30927350.00",
    });
    expect(items.find((i) => i.code === "BB1")?.funding).toMatchObject({
      committed: "5000000.00",
      disbursed: "100.00",
      gap: "0.00",
    });
  });

  it("shows the public only published initiatives, sorted the same way", async () => {
    const anonymous = await t.anonymous<List>({ method: "GET", url: "/api/initiatives?sort=-gap" });
    expect(anonymous.body.page.total).toBe(0);
    for (const code of ["BA1", "BB1"]) {
      await submitAndPublish(t, code);
    }
    const published = await t.anonymous<List>({
      method: "GET",
      url: "/api/initiatives?sort=-committed",
    });
    expect(published.body.data.map((i) => [i.code, i.funding.committed])).toEqual([
      ["BB1", "5000000.00"],
      ["BA1", "0.00"],
    ]);
  });

  it("refuses an unknown sort with a 400 that names the allowed values", async () => {
    const refused = await t.anonymous<ErrorBody>({
      method: "GET",
      url: "/api/initiatives?sort=-pledged",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("validation_failed");
    const detail = refused.body.error.details[0];
    expect(detail?.path).toBe("query.sort");
    for (const field of ["budget_usd", "committed", "disbursed", "gap"])
      expect(detail?.message).toContain(field);
  });
});
