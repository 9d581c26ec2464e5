import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import {
  ac1Payload,
  countInitiativeRows,
  type ErrorBody,
  setUpInitiativeWorld,
  usdPayload,
} from "./initiatives.fixtures.ts";

describe("initiative validation", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await setUpInitiativeWorld(t);
    const first = await t.request({
      method: "POST",
      url: "/api/initiatives",
      payload: usdPayload("BA1"),
    });
    expect(first.status).toBe(201);
  });
  afterAll(async () => t.close());

  /** Posts a refused initiative and checks that no table gained or lost a row. */
  async function refused(payload: object) {
    const before = await countInitiativeRows(t.handle.db);
    const response = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/initiatives",
      payload,
    });
    expect(await countInitiativeRows(t.handle.db)).toEqual(before);
    return {
      status: response.status,
      ...response.body.error,
      paths: response.body.error.details.map((d) => d.path),
    };
  }

  it("refuses sectors that do not add up to 100, naming sectors", async () => {
    const error = await refused(
      ac1Payload({
        sectors: [
          { code: "15210", percentage: "60.00" },
          { code: "15130", percentage: "30.00" },
        ],
      }),
    );
    expect(error).toMatchObject({ status: 400, code: "validation_failed", paths: ["sectors"] });
    expect(error.message).toContain("90.00");
    const repeated = await refused(
      ac1Payload({
        sectors: [
          { code: "15210", percentage: "50" },
          { code: "15210", percentage: "50" },
        ],
      }),
    );
    expect(repeated.paths).toEqual(["sectors"]);
    const malformed = await refused(ac1Payload({ sectors: [{ code: "152", percentage: "100" }] }));
    expect(malformed.paths).toEqual(["sectors.0.code"]);
  });

  it("refuses a line of action of another component, or none at all, naming line_of_action", async () => {
    const other = await refused(ac1Payload({ component: "A", line_of_action: "BA" }));
    expect(other).toMatchObject({ status: 400, paths: ["line_of_action"] });
    expect(other.message).toContain("belongs to component B");
    expect((await refused(ac1Payload({ line_of_action: "AZ" }))).paths).toEqual(["line_of_action"]);
    expect((await refused(ac1Payload({ component: "Q" }))).paths).toEqual(["component"]);
  });

  it("refuses a budget with no exchange rate for its date: 422 naming budget.currency", async () => {
    const error = await refused(ac1Payload({ budget: { amount: "1000000", currency: "JPY" } }));
    expect(error).toMatchObject({
      status: 422,
      code: "missing_exchange_rate",
      paths: ["budget.currency"],
    });
    const early = await refused(ac1Payload({ start_date: "2001-01-01" }));
    expect(early.status).toBe(422);
    const decimals = await refused(ac1Payload({ budget: { amount: "10.505", currency: "EUR" } }));
    expect(decimals.paths).toEqual(["budget.amount"]);
  });

  it("names the field of every other malformed initiative", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: {} }, "title"],
      [{ title: { es: null, en: null } }, "title"],
      [{ end_date: "2011-01-01" }, "end_date"],
      [{ lead_country: "MX" }, "lead_country"],
      [{ countries: ["GT", "US"] }, "countries.1"],
      [{ budget: { amount: 1000, currency: "EUR" } }, "budget.amount"],
      [{ budget: { amount: "1000", currency: "EURO" } }, "budget.currency"],
      [
        { targets: [{ indicator: "unknown_rate", target: { value: "1", year: 2015 } }] },
        "targets.0.indicator",
      ],
      [
        {
          targets: [
            {
              indicator: "homicide_rate",
              baseline: { value: "2", year: 2016 },
              target: { value: "1", year: 2015 },
            },
          ],
        },
        "targets.0.target.year",
      ],
      [{ executing_agency_id: "00000000-0000-4000-8000-000000000000" }, "executing_agency_id"],
      [{ status: "endorsed" }, "status"],
    ];
    for (const [override, path] of cases) {
      const error = await refused(ac1Payload(override));
      expect(error.status, JSON.stringify(override)).toBe(400);
      expect(error.paths, JSON.stringify(override)).toContain(path);
    }
    const twice = await refused(
      ac1Payload({
        targets: [
          { indicator: "homicide_rate", target: { value: "1", year: 2015 } },
          { indicator: "HOMICIDE_RATE", target: { value: "2", year: 2016 } },
        ],
      }),
    );
    expect(twice.paths).toEqual(["targets.1.indicator"]);
  });

  it("refuses a second initiative with the same code: 409", async () => {
    const duplicate = await refused(usdPayload("BA1"));
    expect(duplicate).toMatchObject({ status: 409, code: "conflict" });
  });

  it("checks dates and titles against the stored record on update, writing nothing", async () => {
    await t.request({
      method: "PATCH",
      url: "/api/initiatives/BA1",
      payload: { start_date: "2012-01-01" },
    });
    const before = await countInitiativeRows(t.handle.db);
    const end = await t.request<ErrorBody>({
      method: "PATCH",
      url: "/api/initiatives/BA1",
      payload: { end_date: "2011-12-31" },
    });
    expect(end.body.error.details.map((d) => d.path)).toEqual(["end_date"]);
    const title = await t.request<ErrorBody>({
      method: "PATCH",
      url: "/api/initiatives/BA1",
      payload: { title: { en: null } },
    });
    expect(title.body.error.details.map((d) => d.path)).toEqual(["title"]);
    const rate = await t.request<ErrorBody>({
      method: "PATCH",
      url: "/api/initiatives/BA1",
      payload: {
        budget: { amount: "5", currency: "GBP" },
        sectors: [{ code: "15210", percentage: "100" }],
      },
    });
    expect(rate.status).toBe(422);
    expect(await countInitiativeRows(t.handle.db)).toEqual(before);
    const read = await t.request<{
      version: number;
      sectors: unknown[];
      budget: { currency: string };
    }>({ method: "GET", url: "/api/initiatives/BA1" });
    expect(read.body).toMatchObject({ version: 2, sectors: [], budget: { currency: "USD" } });
  });
});
