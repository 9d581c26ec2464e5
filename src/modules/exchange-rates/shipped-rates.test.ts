import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import type { Conversion } from "./exchange-rates.schema.ts";

/** The rates ESCA Hub ships (loaded by the demo seed), imported as an operator would. */
const shipped = readFileSync(
  new URL("../demo/dataset/exchange-rates.csv", import.meta.url),
  "utf8",
);

type ErrorBody = {
  error: {
    code: string;
    message: string;
    reason?: string;
    values?: Record<string, unknown>;
    details: Array<{ path: string; message: string }>;
  };
};

/**
 * The currencies of the member states and partners, with the basis of their rates and the
 * range they cover: ECB monthly averages 2008-01 to 2026-04, World Bank annual averages
 * 2008-2024, and the balboa's and the Belize dollar's pegs.
 */
const monthly = ["EUR", "GBP", "CAD", "JPY", "KRW", "NOK", "SEK", "CHF", "AUD", "MXN"];
const annual = ["GTQ", "HNL", "NIO", "CRC", "DOP", "COP", "CLP"];
const pegs = { PAB: "1", BZD: "0.5" };

/** [currency, value date, expected basis, expected rate date] */
const cases: Array<[string, string, string, string]> = [
  ...monthly.flatMap(
    (c): Array<[string, string, string, string]> => [
      [c, "2008-01-01", "monthly_average", "2008-01-01"],
      [c, "2011-06-22", "monthly_average", "2011-06-01"],
      [c, "2026-04-13", "monthly_average", "2026-04-01"],
    ],
  ),
  ...annual.flatMap(
    (c): Array<[string, string, string, string]> => [
      [c, "2008-01-01", "annual_average", "2008-01-01"],
      [c, "2015-03-10", "annual_average", "2015-01-01"],
      [c, "2024-12-31", "annual_average", "2024-01-01"],
    ],
  ),
  ["ILS", "2009-08-17", "annual_average", "2009-01-01"],
  ["ILS", "2011-06-22", "monthly_average", "2011-06-01"],
  ...Object.keys(pegs).flatMap(
    (c): Array<[string, string, string, string]> => [
      [c, "2008-01-01", "peg", "2008-01-01"],
      [c, "2019-11-30", "peg", "2019-11-01"],
    ],
  ),
];

describe("the shipped exchange rates", () => {
  let t: TestApp;
  const table = new Map<string, string>();
  beforeAll(async () => {
    t = await createTestApp();
    const imported = await t.request<{ imported: number }>({
      method: "POST",
      url: "/api/exchange-rates/import",
      headers: { "content-type": "text/csv" },
      payload: shipped,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.imported).toBe(2946);
    for (const line of shipped.split("\n").slice(1)) {
      const [currency, date, usdPerUnit] = line.split(",");
      if (currency && date && usdPerUnit) table.set(`${currency} ${date}`, usdPerUnit);
    }
  });
  afterAll(async () => t.close());

  const convert = (currency: string, date: string, amount = "1000.00") =>
    t.anonymous<Conversion & ErrorBody>({
      method: "GET",
      url: `/api/exchange-rates/conversion?amount=${amount}&currency=${currency}&date=${date}`,
    });

  it("covers the twenty currencies of the member states and partners, each row with its source", async () => {
    const currencies = new Set(cases.map(([currency]) => currency));
    expect(currencies.size).toBe(20);
    const list = await t.anonymous<{ data: Array<{ currency: string; source: string }> }>({
      method: "GET",
      url: `/api/exchange-rates?currency=${[...currencies].join(",")}&from=2024-01-01&to=2024-01-01&limit=500`,
    });
    expect(new Set(list.body.data.map((r) => r.currency))).toEqual(currencies);
    for (const rate of list.body.data)
      expect(rate.source.length, rate.currency).toBeGreaterThan(20);
  });

  const currencies = [...new Set(cases.map(([currency]) => currency))];
  it.each(currencies)(
    "converts a value in %s on dates across its shipped range, saying which rate it used",
    async (currency) => {
      const wrong: string[] = [];
      const mine = cases.filter(([c]) => c === currency);
      expect(mine.length).toBeGreaterThanOrEqual(2);
      for (const [, date, basis, rateDate] of mine) {
        const amount =
          currency === "JPY" || currency === "KRW" || currency === "CLP" ? "1000" : "1000.00";
        const answer = await convert(currency, date, amount);
        const stored = table.get(`${currency} ${rateDate}`);
        expect(stored, `${currency} ${rateDate} in the shipped CSV`).toBeDefined();
        // The shipped rate of that month or year, applied to 1,000 units (to the cent).
        const expected = (1000 * Number(stored)).toFixed(2);
        if (
          answer.status !== 200 ||
          answer.body.rate?.basis !== basis ||
          answer.body.rate?.date !== rateDate ||
          Number(answer.body.rate?.usd_per_unit) !== Number(stored) ||
          Math.abs(Number(answer.body.usd.amount) - Number(expected)) > 0.011 ||
          !answer.body.rate?.source
        )
          wrong.push(`${currency} ${date}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      expect(wrong).toEqual([]);
    },
  );

  it("converts exactly: a quetzal budget with the year's average, a balboa at par", async () => {
    // 1,000.00 GTQ × 0.13063673 (2015 average: 7.65482 GTQ per USD) = 130.63673 → 130.64 USD
    expect((await convert("GTQ", "2015-03-10")).body).toMatchObject({
      amount: { amount: "1000.00", currency: "GTQ" },
      value_date: "2015-03-10",
      usd: { amount: "130.64", currency: "USD" },
      rate: { currency: "GTQ", date: "2015-01-01", basis: "annual_average" },
    });
    expect((await convert("PAB", "2012-05-05", "2500.00")).body.usd.amount).toBe("2500.00");
    expect((await convert("BZD", "2012-05-05", "2500.00")).body.usd.amount).toBe("1250.00");
    // USD needs no rate.
    expect((await convert("USD", "2030-01-01")).body).toMatchObject({
      usd: { amount: "1000.00" },
      rate: null,
    });
  });

  it("refuses a date without a rate, naming the currency and the date", async () => {
    for (const [currency, date] of [
      ["GTQ", "2026-03-01"], // after the last annual average (2024)
      ["EUR", "2007-06-30"], // before the first monthly average
      ["CLP", "2025-06-30"],
      ["BRL", "2015-03-10"], // no rate at all
    ] as const) {
      const answer = await convert(currency, date);
      expect(answer.status, `${currency} ${date}`).toBe(422);
      expect(answer.body.error).toMatchObject({
        code: "missing_exchange_rate",
        reason: "missing_rate",
        values: { currency, date },
        details: [{ path: "query.date" }],
      });
      expect(answer.body.error.message).toContain(currency);
      expect(answer.body.error.message).toContain(date);
    }
  });

  it("refuses a malformed question, naming the field", async () => {
    for (const [query, field] of [
      ["amount=1.5&currency=JPY&date=2015-03-10", "amount"], // JPY has no decimals
      ["amount=-3&currency=EUR&date=2015-03-10", "amount"],
      ["amount=3&currency=EURO&date=2015-03-10", "currency"],
      ["amount=3&currency=EUR&date=2015-02-30", "date"],
      ["currency=EUR&date=2015-03-10", "amount"],
    ] as const) {
      const answer = await t.anonymous<ErrorBody>({
        method: "GET",
        url: `/api/exchange-rates/conversion?${query}`,
      });
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.details.map((d) => d.path)).toContain(`query.${field}`);
    }
  });
});
