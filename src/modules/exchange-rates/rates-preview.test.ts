import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { ac1Payload, setUpInitiativeWorld } from "../initiatives/initiatives.fixtures.ts";
import type { BlockedByRate, RatesPreview } from "./exchange-rates.schema.ts";

type ErrorBody = {
  error: {
    code: string;
    message: string;
    details: Array<{ path: string; message: string; rule?: { code: string } }>;
  };
};

const csvRequest = (url: string, body: string) => ({
  method: "POST" as const,
  url,
  headers: { "content-type": "text/csv" },
  payload: body,
});

/** A rates CSV is previewed (nothing written), then applied all or nothing. */
describe("rates CSV: preview, then apply", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const seeded = await t.request(
      csvRequest(
        "/api/exchange-rates/import",
        "currency,date,usd_per_unit,basis,source\nEUR,2011-06-01,1.438840909,monthly_average,ECB June 2011\nGTQ,2011-01-01,0.1284452495,annual_average,WDI 2011\n",
      ),
    );
    expect(seeded.status).toBe(200);
  });
  afterAll(async () => t.close());

  const count = async () =>
    (await t.request<{ page: { total: number } }>({ method: "GET", url: "/api/exchange-rates" }))
      .body.page.total;
  const preview = (body: string) =>
    t.request<RatesPreview & ErrorBody>(csvRequest("/api/exchange-rates/import/preview", body));

  it("says which rows add, replace or leave a rate unchanged, and writes nothing", async () => {
    const before = await count();
    const answer = await preview(
      "currency,date,usd_per_unit,basis,source\nEUR,2011-06-01,1.4388,monthly_average,ECB corrected\nGTQ,2011-01-01,0.12844524950,annual_average,WDI 2011\nHNL,2011-01-01,0.0529,annual_average,WDI 2011\n",
    );
    expect(answer.status).toBe(200);
    expect(answer.body.counts).toEqual({ add: 1, replace: 1, unchanged: 1 });
    expect(answer.body.problems).toEqual([]);
    expect(answer.body.rows.map((r) => [r.line, r.currency, r.action])).toEqual([
      [2, "EUR", "replace"],
      [3, "GTQ", "unchanged"],
      [4, "HNL", "add"],
    ]);
    expect(answer.body.rows[0]?.current).toEqual({
      usd_per_unit: "1.438840909000",
      basis: "monthly_average",
      source: "ECB June 2011",
    });
    expect(answer.body.rows[2]?.current).toBeNull();
    expect(await count()).toBe(before);
  });

  it("lists every problem by line, column and code, keeping the valid rows", async () => {
    const answer = await preview(
      "currency,date,usd_per_unit,basis,source\nEUR,2011-07-01,1.4,monthly_average,ECB\nEURO,2011-13-01,-1,yearly,\nUSD,2011-01-01,1,daily,x\nEUR,2011-07-01,1.41,monthly_average,ECB again\n",
    );
    expect(answer.status).toBe(200);
    expect(answer.body.rows.map((r) => r.line)).toEqual([2]);
    expect(answer.body.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [3, "currency", "rate_currency"],
      [3, "date", "rate_date"],
      [3, "usd_per_unit", "rate_usd_per_unit"],
      [3, "basis", "rate_basis"],
      [3, "source", "rate_required"],
      [4, "currency", "rate_currency"],
      [5, "date", "rate_duplicate"],
    ]);
    expect(answer.body.problems.at(-1)?.values).toMatchObject({ previous: 2 });
  });

  it("names a missing header column or a file that is no CSV as a problem of its line", async () => {
    const header = await preview("currency,day,rate\nEUR,2011-01-01,1.3\n");
    expect(header.body.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [1, "date", "rate_header"],
      [1, "usd_per_unit", "rate_header"],
      [1, "source", "rate_header"],
    ]);
    const broken = await preview('currency,date,usd_per_unit,source\nEUR,"2011-01-01,1.3,x\n');
    expect(broken.body.problems[0]?.code).toBe("rate_csv");
    expect(broken.body.rows).toEqual([]);
  });

  it("applies all rows or none: one bad row refuses the file, naming line and column", async () => {
    const before = await count();
    const refused = await t.request<ErrorBody>(
      csvRequest(
        "/api/exchange-rates/import",
        "currency,date,usd_per_unit,source\nNIO,2011-01-01,0.0445,WDI\nNIO,2012-01-01,abc,WDI\n",
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toMatchObject([
      { path: "line 3.usd_per_unit", rule: { code: "rate_usd_per_unit" } },
    ]);
    expect(refused.body.error.message).toMatch(/nothing was imported/);
    expect(await count()).toBe(before);
    const applied = await t.request<{ created: number; updated: number }>(
      csvRequest(
        "/api/exchange-rates/import",
        "currency,date,usd_per_unit,source\nNIO,2011-01-01,0.0445,WDI\nNIO,2012-01-01,0.0427,WDI\n",
      ),
    );
    expect(applied.body).toEqual({ imported: 2, created: 2, updated: 0 });
    expect(await count()).toBe(before + 2);
  });
});

describe("records a missing rate blocks", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("lists initiatives (drafts included) and entries whose currency has no rate for their date", async () => {
    const world = await setUpInitiativeWorld(t);
    const created = await t.request<{ id: string; status: string }>({
      method: "POST",
      url: "/api/initiatives",
      payload: ac1Payload(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const pledge = await t.request<{ id: string }>({
      method: "POST",
      url: "/api/flows",
      payload: {
        flow_type: "pledge",
        support_kind: "financial",
        partner_id: world.organizations.EU,
        initiative_id: created.body.id,
        value: { amount: "1000000.00", currency: "EUR" },
        value_date: "2011-06-22",
      },
    });
    expect(pledge.status, JSON.stringify(pledge.body)).toBe(201);
    const none = await t.request<BlockedByRate>({
      method: "GET",
      url: "/api/exchange-rates/blocked",
    });
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ data: [], missing: [], total: 0, lookback_days: 366 });
    // The rate the budget was valued with is gone (a test's shortcut: the API never deletes
    // one): the draft can no longer be valued again, and is listed.
    await t.handle.db.deleteFrom("exchange_rates").where("rate_date", "=", "2011-06-22").execute();
    const blocked = await t.request<BlockedByRate>({
      method: "GET",
      url: "/api/exchange-rates/blocked",
    });
    expect(blocked.body.data).toEqual([
      {
        kind: "flow",
        id: pledge.body.id,
        label: "pledge · EU",
        initiative_code: "AC1",
        status: created.body.status,
        currency: "EUR",
        value_date: "2011-06-22",
        line: null,
      },
      {
        kind: "initiative",
        id: created.body.id,
        label: "AC1",
        initiative_code: "AC1",
        status: created.body.status,
        currency: "EUR",
        value_date: "2011-06-22",
        line: null,
      },
    ]);
    expect(blocked.body.missing).toEqual([{ currency: "EUR", date: "2011-06-22", records: 2 }]);
    expect(blocked.body.total).toBe(2);
  });

  it("is the secretariat's: a partner or the public is refused", async () => {
    const focal = await t.signIn({ role: "focal_point", organization: "GT" });
    expect(
      (await focal.request({ method: "GET", url: "/api/exchange-rates/blocked" })).status,
    ).toBe(403);
    const secretariat = await t.signIn({ role: "secretariat", organization: "SICA" });
    expect(
      (await secretariat.request({ method: "GET", url: "/api/exchange-rates/blocked" })).status,
    ).toBe(200);
    const partner = await t.signIn({ role: "partner", organization: "IDB" });
    expect(
      (await partner.request({ method: "GET", url: "/api/exchange-rates/blocked" })).status,
    ).toBe(403);
    expect((await t.anonymous({ method: "GET", url: "/api/exchange-rates/blocked" })).status).toBe(
      401,
    );
  });
});
