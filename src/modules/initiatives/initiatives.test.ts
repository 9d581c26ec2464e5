import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import {
  ac1Payload,
  type ErrorBody,
  type InitiativeWorld,
  insertCommitment,
  setUpInitiativeWorld,
  usdPayload,
} from "./initiatives.fixtures.ts";
import type { Initiative, Transition } from "./initiatives.schema.ts";

type List = { data: Initiative[]; page: { total: number; limit: number; offset: number } };

describe("initiatives API", () => {
  let t: TestApp;
  let w: InitiativeWorld;
  let ac1: Initiative;
  beforeAll(async () => {
    t = await createTestApp();
    w = await setUpInitiativeWorld(t);
  });
  afterAll(async () => t.close());

  const codes = async (query: string) =>
    (await t.request<List>({ method: "GET", url: `/api/initiatives?${query}` })).body.data.map(
      (i) => i.code,
    );

  it("creates a draft with every field, its budget valued in USD once, and its first history row", async () => {
    const focal = await t.signIn({ role: "focal_point", organization: "GT" });
    const created = await focal.request<Initiative>({
      method: "POST",
      url: "/api/initiatives",
      payload: ac1Payload({ executing_agency_id: w.organizations.UNDP }),
    });
    expect(created.status).toBe(201);
    ac1 = created.body;
    expect(ac1).toMatchObject({
      code: "AC1",
      status: "draft",
      version: 1,
      title: { es: expect.stringContaining("investigación criminal"), en: expect.any(String) },
      summary: { es: null, en: "Regional criminal investigation capacities." },
      component: { code: "A", name: { es: "Combate al delito", en: "Combating crime" } },
      line_of_action: { code: "AC", name: { en: "Criminal investigation" } },
      lead_country: "GT",
      countries: ["GT", "HN", "SV"],
      executing_agency: { id: w.organizations.UNDP, code: "UNDP" },
      sectors: [
        { code: "15210", percentage: "60.00" },
        { code: "15130", percentage: "40.00" },
      ],
      // 21,500,000.00 EUR × 1.4385 USD/EUR on the start date = 30,927,750.00 USD
      budget: { amount: "21500000.00", currency: "EUR" },
      budget_value_date: "2011-06-22",
      budget_usd: { amount: "30927750.00", currency: "USD" },
      budget_fx: { rate: "1.4385", date: "2011-06-22" },
      start_date: "2011-06-22",
      end_date: "2015-06-21",
      targets: [
        {
          indicator: { code: "homicide_rate", unit: "per 100,000 inhabitants" },
          baseline: { value: "41.4", year: 2010 },
          target: { value: "30", year: 2015 },
        },
      ],
      illustrative: false,
      source: "La Gaceta 504",
    });
    const history = await t.request<{ data: Transition[] }>({
      method: "GET",
      url: "/api/initiatives/ac1/transitions",
    });
    expect(history.body.data).toMatchObject([
      {
        from: null,
        to: "draft",
        actor: focal.email,
        actor_kind: "user",
        actor_organization: { code: "GT" },
        actor_role: "focal_point",
      },
    ]);
    const read = await t.request<Initiative>({ method: "GET", url: `/api/initiatives/${ac1.id}` });
    expect(read.body).toEqual(ac1);
  });

  it("values a budget on its own date when given, and keeps one language titles", async () => {
    const spanish = await t.request<Initiative>({
      method: "POST",
      url: "/api/initiatives",
      payload: usdPayload("BA1", {
        title: { es: "Prevención de la violencia contra las mujeres" },
        line_of_action: "BA",
        lead_country: "SV",
        budget: { amount: "1000.00", currency: "EUR" },
        budget_value_date: "2012-01-10",
      }),
    });
    expect(spanish.status).toBe(201);
    expect(spanish.body.title).toEqual({
      es: "Prevención de la violencia contra las mujeres",
      en: null,
    });
    // 1,000.00 EUR at the latest rate on or before 2012-01-10 (1.2939 on 2012-01-02)
    expect(spanish.body.budget_usd.amount).toBe("1293.90");
    expect(spanish.body.budget_fx).toEqual({ rate: "1.2939", date: "2012-01-02", basis: "daily" });
    const undated = await t.request<Initiative>({
      method: "POST",
      url: "/api/initiatives",
      payload: usdPayload("BB1", {
        budget: { amount: "5000000", currency: "USD" },
        line_of_action: "BB",
        countries: ["GT"],
      }),
    });
    expect(undated.body.budget_value_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(undated.body.budget_usd.amount).toBe("5000000.00");
  });

  it("filters by component, country, status, partner, illustrative flag and text", async () => {
    await insertCommitment(t.handle.db, {
      initiativeId: ac1.id,
      componentId: w.components.A,
      partnerId: w.organizations.EU,
      usdMinor: 100n,
    });
    expect(await codes("component=B")).toEqual(["BA1", "BB1"]);
    expect(await codes(`component=${w.components.A},b`)).toEqual(["AC1", "BA1", "BB1"]);
    expect(await codes("country=SV")).toEqual(["AC1", "BA1"]);
    expect(await codes("country=GT")).toEqual(["AC1", "BB1"]);
    expect(await codes("status=draft,submitted")).toEqual(["AC1", "BA1", "BB1"]);
    expect(await codes("status=completed")).toEqual([]);
    expect(await codes("partner=EU")).toEqual(["AC1"]);
    expect(await codes(`partner=${w.organizations.IDB}`)).toEqual([]);
    expect(await codes("illustrative=true")).toEqual(["BA1", "BB1"]);
    expect(await codes("q=mujeres")).toEqual(["BA1"]);
    expect(await codes("q=criminal")).toEqual(["AC1"]);
    const badStatus = await t.request<ErrorBody>({
      method: "GET",
      url: "/api/initiatives?status=dormant",
    });
    expect(badStatus.status).toBe(400);
  });

  it("sorts and paginates", async () => {
    expect(await codes("sort=-budget_usd")).toEqual(["AC1", "BB1", "BA1"]);
    expect(await codes("sort=title_es")).toEqual(["AC1", "BA1", "BB1"]);
    expect(await codes("sort=-code&limit=2")).toEqual(["BB1", "BA1"]);
    const page = await t.request<List>({
      method: "GET",
      url: "/api/initiatives?sort=code&limit=1&offset=1",
    });
    expect(page.body.data.map((i) => i.code)).toEqual(["BA1"]);
    expect(page.body.page).toEqual({ total: 3, limit: 1, offset: 1 });
    expect(await codes("sort=status")).toHaveLength(3);
    // A page past the end has no row to count by, and still says how many match.
    const past = await t.request<List>({ method: "GET", url: "/api/initiatives?limit=2&offset=5" });
    expect(past.body).toEqual({ data: [], page: { total: 3, limit: 2, offset: 5 } });
    const none = await t.request<List>({ method: "GET", url: "/api/initiatives?status=completed" });
    expect(none.body.page).toEqual({ total: 0, limit: 50, offset: 0 });
  });

  it("lists each initiative with its own countries, sectors and targets, as read alone", async () => {
    const list = await t.request<List & { data: Array<Initiative & { funding: unknown }> }>({
      method: "GET",
      url: "/api/initiatives?sort=-budget_usd",
    });
    expect(list.body.data).toHaveLength(3);
    expect(list.body.data.some((item) => item.targets.length > 0)).toBe(true);
    for (const item of list.body.data) {
      const alone = await t.request<Initiative>({
        method: "GET",
        url: `/api/initiatives/${item.code}`,
      });
      expect({ ...item, funding: undefined }).toEqual({ ...alone.body, funding: undefined });
    }
  });

  it("answers 404 for an unknown id or code", async () => {
    for (const url of [
      "/api/initiatives/00000000-0000-4000-8000-000000000000",
      "/api/initiatives/ZZ9",
      "/api/initiatives/ZZ9/transitions",
    ]) {
      const response = await t.request<ErrorBody>({ method: "GET", url });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("not_found");
    }
    expect(
      (await t.request({ method: "PATCH", url: "/api/initiatives/ZZ9", payload: { source: "x" } }))
        .status,
    ).toBe(404);
  });

  it("values a budget in quetzales with its year's average, and says which rate it used", async () => {
    await t.handle.db
      .insertInto("exchange_rates")
      .values({
        currency: "GTQ",
        rate_date: "2015-01-01",
        usd_per_unit: "0.13063673",
        basis: "annual_average",
        source: "World Bank WDI PA.NUS.FCRF, annual average 2015 (7.65482 GTQ per USD)",
      })
      .execute();
    const created = await t.request<Initiative>({
      method: "POST",
      url: "/api/initiatives",
      payload: usdPayload("DQ1", {
        lead_country: "GT",
        budget: { amount: "2500000.00", currency: "GTQ" },
        budget_value_date: "2015-03-10",
      }),
    });
    expect(created.status).toBe(201);
    // 2,500,000.00 GTQ × 0.13063673 (2015 average) = 326,591.825 → 326,591.83 USD (half up)
    expect(created.body.budget_usd).toEqual({ amount: "326591.83", currency: "USD" });
    expect(created.body.budget_fx).toEqual({
      rate: "0.13063673",
      date: "2015-01-01",
      basis: "annual_average",
    });
    const read = await t.anonymous<Initiative & ErrorBody>({
      method: "GET",
      url: "/api/initiatives/DQ1",
    });
    expect(read.status).toBe(404); // a draft is not public
    const usd = await t.request<Initiative>({ method: "GET", url: "/api/initiatives/DQ1" });
    expect(usd.body.budget_usd).toEqual(created.body.budget_usd);
    // A budget in USD needed no rate.
    const inUsd = await t.request<Initiative>({ method: "GET", url: "/api/initiatives/BB1" });
    expect(inUsd.body.budget_fx.basis).toBeNull();
    // A year without a rate is refused, naming the currency and the date, and writes nothing.
    const refused = await t.request<ErrorBody & { error: { values: unknown } }>({
      method: "POST",
      url: "/api/initiatives",
      payload: usdPayload("DQ2", {
        lead_country: "GT",
        budget: { amount: "1000.00", currency: "GTQ" },
        budget_value_date: "2017-02-01",
      }),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("missing_exchange_rate");
    expect(refused.body.error.values).toMatchObject({ currency: "GTQ", date: "2017-02-01" });
    expect(refused.body.error.details[0]?.path).toBe("budget.currency");
  });
});
