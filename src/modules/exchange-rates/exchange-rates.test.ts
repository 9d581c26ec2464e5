import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { convertToUsd } from "./convert-to-usd.ts";

describe("exchange rates", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const csv = (body: string) => ({
    method: "POST" as const,
    url: "/api/exchange-rates/import",
    headers: { "content-type": "text/csv" },
    payload: body,
  });

  it("imports a CSV, then corrects a rate by re-importing it", async () => {
    const first = await t.request<{ created: number; updated: number }>(
      csv(
        'currency,date,usd_per_unit,source\nEUR,2011-01-01,1.3920,"ECB annual average 2011"\nEUR,2012-01-01,1.2848,ECB\nJPY,2011-01-01,0.012540,BoJ\n',
      ),
    );
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ imported: 3, created: 3, updated: 0 });
    const again = await t.request<{ created: number; updated: number }>(
      csv("currency,date,usd_per_unit,source\nEUR,2012-01-01,1.2850,ECB corrected\n"),
    );
    expect(again.body).toEqual({ imported: 1, created: 0, updated: 1 });
    const read = await t.request<{ usd_per_unit: string; source: string }>({
      method: "GET",
      url: "/api/exchange-rates/EUR/2012-01-01",
    });
    expect(read.body.usd_per_unit).toBe("1.285000000000");
    expect(read.body.source).toBe("ECB corrected");
  });

  it("refuses a whole file for one bad line, naming line and column, and writes nothing", async () => {
    const before = await t.request<{ page: { total: number } }>({
      method: "GET",
      url: "/api/exchange-rates",
    });
    const bad = await t.request<{
      error: { code: string; message: string; details: Array<{ path: string }> };
    }>(
      csv(
        "currency,date,usd_per_unit,source\nGBP,2011-01-01,1.60,BoE\nGBP,2011-13-01,1.61,BoE\nZZZ,2011-01-01,-1,x\n",
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^line 3, Date: /);
    expect(bad.body.error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(["line 3.date", "line 4.currency", "line 4.usd_per_unit"]),
    );
    const after = await t.request<{ page: { total: number } }>({
      method: "GET",
      url: "/api/exchange-rates",
    });
    expect(after.body.page.total).toBe(before.body.page.total);
  });

  it("imports each rate's basis when the file gives one, and refuses an unknown basis by line", async () => {
    const ok = await t.request(
      csv(
        "currency,date,usd_per_unit,basis,source\nGTQ,2011-01-01,0.1284452495,annual_average,WDI\nBZD,2011-01-01,0.5,peg,Central Bank of Belize\nCAD,2011-03-01,1.0142,,BoC\n",
      ),
    );
    expect(ok.status).toBe(200);
    const bases = await t.request<{ data: Array<{ currency: string; basis: string }> }>({
      method: "GET",
      url: "/api/exchange-rates?currency=GTQ,BZD,CAD&from=2011-01-01&to=2011-03-01",
    });
    expect(Object.fromEntries(bases.body.data.map((r) => [r.currency, r.basis]))).toEqual({
      GTQ: "annual_average",
      BZD: "peg",
      CAD: "daily",
    });
    const bad = await t.request<{ error: { details: Array<{ path: string }> } }>(
      csv("currency,date,usd_per_unit,basis,source\nGTQ,2012-01-01,0.128,yearly,WDI\n"),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path)).toEqual(["line 2.basis"]);
  });

  it("refuses a header without the required columns", async () => {
    const bad = await t.request<{ error: { message: string } }>(
      csv("currency,day,rate\nEUR,2011-01-01,1.3\n"),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("date, usd_per_unit, source");
  });

  it("sets one rate with PUT and validates it", async () => {
    const ok = await t.request({
      method: "PUT",
      url: "/api/exchange-rates/CAD/2011-06-01",
      payload: { usd_per_unit: "1.0150", source: "Bank of Canada" },
    });
    expect(ok.status).toBe(200);
    const zero = await t.request<{ error: { details: Array<{ path: string }> } }>({
      method: "PUT",
      url: "/api/exchange-rates/CAD/2011-06-01",
      payload: { usd_per_unit: "0.000", source: "x" },
    });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details[0]?.path).toBe("usd_per_unit");
  });

  it("converts with the latest rate on or before the value date, and never guesses", async () => {
    const converted = await convertToUsd({
      db: t.handle.db,
      amountMinor: 100_000n,
      currency: "EUR",
      valueDate: "2011-06-22",
      path: "value.amount",
    });
    expect(converted).toEqual({
      usdMinor: 139_200n,
      rate: "1.392000000000",
      rateDate: "2011-01-01",
      // Imported without a basis column: a rate of its day.
      basis: "daily",
      source: "ECB annual average 2011",
    });
    await expect(
      convertToUsd({
        db: t.handle.db,
        amountMinor: 1n,
        currency: "EUR",
        valueDate: "2010-12-31",
        path: "value.amount",
        ratePath: "value.currency",
      }),
    ).rejects.toMatchObject({
      code: "missing_exchange_rate",
      reason: "missing_rate",
      values: { currency: "EUR", date: "2010-12-31" },
      details: [{ path: "value.currency", rule: { code: "missing_rate", currency: "EUR" } }],
    });
    await expect(
      convertToUsd({
        db: t.handle.db,
        amountMinor: 1n,
        currency: "EUR",
        valueDate: "2014-06-01",
        path: "budget.amount",
      }),
    ).rejects.toMatchObject({
      code: "missing_exchange_rate",
    });
  });

  it("refuses a value worth more than USD 100,000,000,000.00, in any currency, naming the field", async () => {
    const convert = (amountMinor: bigint, currency: string) =>
      convertToUsd({
        db: t.handle.db,
        amountMinor,
        currency,
        valueDate: "2011-06-01",
        path: "budget.amount",
      });
    // 100,000,000,000.00 USD is the bound itself; a cent more is refused, as is its value in
    // EUR (at 1.392: 71,839,080,460.00 EUR → 100,000,000,000.32 USD), either sign.
    expect((await convert(10_000_000_000_000n, "USD")).usdMinor).toBe(10_000_000_000_000n);
    for (const [minor, currency] of [
      [10_000_000_000_001n, "USD"],
      [-10_000_000_000_001n, "USD"],
      [7_183_908_046_000n, "EUR"],
      [999_999_999_999_999_999n, "JPY"],
    ] as const) {
      await expect(convert(minor, currency), `${minor} ${currency}`).rejects.toMatchObject({
        code: "validation_failed",
        details: [{ path: "budget.amount", rule: { code: "amount_too_large" } }],
      });
    }
  });

  it("refuses dates outside 1900–2100 and NUL characters in a rates file, naming the line", async () => {
    for (const [body, said] of [
      [
        "currency,date,usd_per_unit,source\nEUR,2011-01-01,1.3,ECB\nEUR,0000-01-01,1.3,ECB\n",
        /line 3/,
      ],
      ["currency,date,usd_per_unit,source\nEUR,9999-12-31,1.3,ECB\n", /line 2/],
      ["currency,date,usd_per_unit,source\nEUR,2011-01-01,1.3,EC\u0000B\n", /line 2/],
    ] as const) {
      const refused = await t.request<{ error: { code: string; message: string } }>(csv(body));
      expect(refused.status, body).toBe(400);
      expect(refused.body.error.code).toBe("validation_failed");
      expect(refused.body.error.message).toMatch(said);
    }
    for (const url of [
      "/api/exchange-rates/EUR/0000-01-01",
      "/api/exchange-rates?from=9999-12-31",
    ]) {
      const refused = await t.anonymous<{ error: { code: string; message: string } }>({
        method: "GET",
        url,
      });
      expect(refused.status, url).toBe(400);
      expect(refused.body.error.message).toMatch(/between 1900-01-01 and 2100-12-31/);
    }
  });
});
