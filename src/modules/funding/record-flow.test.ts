import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/app.ts";
import type { Flow } from "./flows.schema.ts";
import {
  countFlows,
  type ErrorBody,
  insertInitiative,
  type LedgerWorld,
  openLedgerWorld,
  postFlow,
} from "./funding.fixtures.ts";

describe("recording support flows", () => {
  let t: TestApp;
  let w: LedgerWorld;
  let initiative: string;
  beforeAll(async () => {
    ({ t, w } = await openLedgerWorld());
    initiative = await insertInitiative(t.handle.db, {
      code: "AC1",
      componentId: w.components.A,
      leadCountry: "GT",
      budgetUsdMinor: 3_000_000_000n,
      // Partners record only against initiatives they may read: published ones.
      published: true,
    });
  });
  afterAll(async () => t.close());

  it("keeps the original amount and the USD value of its value date, with the rate used", async () => {
    const pledge = await postFlow(t, {
      flow_type: "pledge",
      support_kind: "financial",
      partner_id: w.partners.EU,
      initiative_id: initiative,
      value: { amount: "1234.56", currency: "EUR" },
      value_date: "2011-06-23",
      source: "Declaration of Guatemala",
    });
    expect(pledge.status).toBe(201);
    // 1,234.56 EUR × 1.4385 = 1,775.91456 USD → 177591 cents, at the rate of 2011-06-22.
    expect(pledge.body).toMatchObject({
      flow_type: "pledge",
      component_id: w.components.A,
      value: { amount: "1234.56", currency: "EUR" },
      value_usd: { amount: "1775.91", currency: "USD" },
      fx_rate: "1.4385",
      fx_date: "2011-06-22",
      reverses_id: null,
      reversed_by: null,
      recorded_by: expect.stringMatching(/^admin\./),
    });
    const read = await t.request<Flow>({ method: "GET", url: `/api/flows/${pledge.body.id}` });
    expect(read.body).toEqual(pledge.body);
  });

  it("links a commitment to its pledge and records the actor", async () => {
    const pledge = await postFlow(t, {
      flow_type: "pledge",
      support_kind: "financial",
      partner_id: w.partners.IDB,
      component_id: w.components.B,
      value: { amount: "500000.00", currency: "USD" },
      value_date: "2011-06-22",
    });
    const officer = await t.signIn({
      role: "partner",
      organization: "IDB",
      kind: "international_org",
    });
    const commitment = await officer.request<Flow>({
      method: "POST",
      url: "/api/flows",
      payload: {
        flow_type: "commitment",
        support_kind: "financial",
        partner_id: w.partners.IDB,
        initiative_id: initiative,
        pledge_id: pledge.body.id,
        value: { amount: "400000", currency: "USD" },
        value_date: "2012-02-01",
      },
    });
    expect(commitment.status).toBe(201);
    expect(commitment.body).toMatchObject({
      pledge_id: pledge.body.id,
      recorded_by: officer.email,
      value: { amount: "400000.00", currency: "USD" },
      fx_rate: "1",
    });
  });

  it("records a region-wide announcement to no component, with its finance type", async () => {
    const pledge = await postFlow(t, {
      flow_type: "pledge",
      support_kind: "financial",
      partner_id: w.partners.IDB,
      value: { amount: "500000000.00", currency: "USD" },
      // Out of the years the listing test below filters on.
      value_date: "2013-06-22",
      finance_type: "421",
    });
    expect(pledge.status).toBe(201);
    expect(pledge.body).toMatchObject({
      initiative_id: null,
      component_id: null,
      finance_type: "421",
    });
    // Its reversal keeps the finance type, so the two net out within "loans".
    const reversal = await t.request<Flow>({
      method: "POST",
      url: `/api/flows/${pledge.body.id}/reversal`,
      payload: { reason: "entered twice" },
    });
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({ component_id: null, finance_type: "421" });
    const listed = await t.request<{ data: Flow[] }>({
      method: "GET",
      url: "/api/flows?finance_type=421",
    });
    expect(listed.body.data.map((f) => f.id).sort()).toEqual(
      [pledge.body.id, reversal.body.id].sort(),
    );
  });

  it("records technical support with a description and no valuation", async () => {
    const expert = await postFlow(t, {
      flow_type: "commitment",
      support_kind: "technical",
      partner_id: w.partners.ES,
      component_id: w.components.C,
      description: "Two prison-management experts for six months",
      value_date: "2012-03-01",
    });
    expect(expert.status).toBe(201);
    expect(expert.body).toMatchObject({ value: null, value_usd: null, fx_rate: null });
  });

  it("lists with filters, newest first when asked", async () => {
    const list = await t.request<{ data: Flow[]; page: { total: number } }>({
      method: "GET",
      url: `/api/flows?flow_type=pledge,commitment&year=2011,2012&sort=-value_date&partner_id=${w.partners.IDB}`,
    });
    expect(list.status).toBe(200);
    expect(list.body.data.map((f) => f.flow_type)).toEqual(["commitment", "pledge"]);
    expect(list.body.page.total).toBe(2);
    const technical = await t.request<{ data: Flow[] }>({
      method: "GET",
      url: "/api/flows?support_kind=technical&from=2012-01-01&to=2012-12-31",
    });
    expect(technical.body.data).toHaveLength(1);
  });

  it.each([
    [{ value: undefined }, "value", 400],
    [{ value: { amount: "12.345", currency: "USD" } }, "value.amount", 400],
    [{ value: { amount: "0", currency: "USD" } }, "value.amount", 400],
    [{ value: { amount: 100, currency: "USD" } }, "value.amount", 400],
    [{ finance_type: "999" }, "finance_type", 400],
    [{ finance_type: "grant" }, "finance_type", 400],
    [{ pledge_id: "00000000-0000-4000-8000-000000000000" }, "pledge_id", 400],
    [{ flow_type: "grant" }, "flow_type", 400],
    [{ surprise: true }, "", 400],
    [{ value: { amount: "10.00", currency: "GBP" } }, "value.currency", 422],
    [{ partner_id: "00000000-0000-4000-8000-000000000000" }, "partner_id", 422],
    [{ partner_id: "GUATEMALA" }, "partner_id", 422],
    [{ component_id: "COMPONENT_B" }, "component_id", 422],
    [{ commitment_id: "00000000-0000-4000-8000-000000000000" }, "commitment_id", 422],
  ])("refuses %j naming %s, and writes nothing", async (change, path, status) => {
    const resolved = Object.fromEntries(
      Object.entries(change).map(([key, value]) => [
        key,
        value === "GUATEMALA" ? w.guatemala : value === "COMPONENT_B" ? w.components.B : value,
      ]),
    );
    const before = await countFlows(t.handle.db);
    const response = await postFlow(t, {
      flow_type: "disbursement",
      support_kind: "financial",
      partner_id: w.partners.EU,
      initiative_id: initiative,
      value: { amount: "10.00", currency: "USD" },
      value_date: "2012-06-01",
      over_commitment_reason: "bridge financing agreed in writing",
      ...resolved,
    });
    expect(response.status).toBe(status);
    const body = response.body as unknown as ErrorBody;
    const paths = body.error.details.map((d) => d.path);
    if (path) expect(paths).toContain(path);
    else expect(body.error.message).toMatch(/surprise|unrecognized/i);
    expect(await countFlows(t.handle.db)).toBe(before);
  });

  it("names the missing exchange rate and the field it is needed for", async () => {
    const response = await postFlow(t, {
      flow_type: "pledge",
      support_kind: "financial",
      partner_id: w.partners.EU,
      component_id: w.components.A,
      value: { amount: "1000.00", currency: "EUR" },
      value_date: "2010-06-01",
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("missing_exchange_rate");
    expect(response.body.error.message).toContain("EUR");
    expect(response.body.error.details[0]).toMatchObject({
      path: "value.currency",
      rule: { code: "missing_rate", currency: "EUR", date: "2010-06-01", lookback_days: 366 },
    });
  });

  it("answers 404 for an unknown flow and 400 for a malformed id", async () => {
    const unknown = await t.request<ErrorBody>({
      method: "GET",
      url: "/api/flows/00000000-0000-4000-8000-000000000000",
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    const malformed = await t.request<ErrorBody>({ method: "GET", url: "/api/flows/xyz" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0]?.path).toBe("path.id");
  });
});
