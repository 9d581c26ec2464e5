import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import { latestRateOnOrBefore, RATE_LOOKBACK_DAYS } from "../../contracts/rate-window.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import { findRateOnOrBefore, findRatesOnOrBefore } from "./exchange-rates.queries.ts";
import { upsertExchangeRates } from "./upsert-exchange-rates.ts";

/** The one rule for which rate values an amount, for one date and for many at once. */
describe("the latest rate on or before a date", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    const rate = (currency: string, date: string, usd_per_unit: string) => ({
      currency,
      date,
      usd_per_unit,
      basis: "daily" as const,
      source: `${currency} ${date}`,
    });
    await upsertExchangeRates({
      db: handle.db,
      rates: [
        rate("EUR", "2011-01-01", "1.392"),
        rate("EUR", "2011-06-22", "1.4385"),
        rate("GTQ", "2015-01-01", "0.13063673"),
      ],
    });
  });
  afterAll(async () => handle.close());

  const wanted = [
    { currency: "EUR", date: "2011-06-21" },
    { currency: "EUR", date: "2011-06-22" },
    { currency: "EUR", date: "2011-06-30" },
    { currency: "EUR", date: "2010-12-31" },
    // 2016 is a leap year: 2016-01-02 is 366 days after 2015-01-01, 2016-01-03 is 367.
    { currency: "GTQ", date: "2016-01-02" },
    { currency: "GTQ", date: "2016-01-03" },
    { currency: "JPY", date: "2011-06-22" },
  ];

  it("takes the latest rate on or before each date, at most RATE_LOOKBACK_DAYS old, in one call", async () => {
    expect(RATE_LOOKBACK_DAYS).toBe(366);
    const found = await findRatesOnOrBefore(handle.db, wanted);
    expect(
      found
        .map((r) => `${r.currency} ${r.date} → ${r.rate_date} ${r.usd_per_unit} ${r.basis}`)
        .sort(),
    ).toEqual([
      "EUR 2011-06-21 → 2011-01-01 1.392000000000 daily",
      "EUR 2011-06-22 → 2011-06-22 1.438500000000 daily",
      "EUR 2011-06-30 → 2011-06-22 1.438500000000 daily",
      "GTQ 2016-01-02 → 2015-01-01 0.130636730000 daily",
    ]);
    expect(found.find((r) => r.date === "2011-06-30")?.source).toBe("EUR 2011-06-22");
    expect(await findRatesOnOrBefore(handle.db, [])).toEqual([]);
  });

  it("is the rule an IATI import applies to the rates it read once (latestRateOnOrBefore)", async () => {
    const stored = await handle.db
      .selectFrom("exchange_rates")
      .select(["currency", "rate_date", "usd_per_unit"])
      .orderBy("currency")
      .orderBy("rate_date")
      .execute();
    const found = await findRatesOnOrBefore(handle.db, wanted);
    for (const { currency, date } of wanted) {
      const inMemory = latestRateOnOrBefore(
        stored.filter((rate) => rate.currency === currency),
        date,
      );
      const inSql = found.find((r) => r.currency === currency && r.date === date);
      expect([currency, date, inMemory?.rate_date]).toEqual([currency, date, inSql?.rate_date]);
    }
  });

  it("answers one date exactly as it answers it among many", async () => {
    const many = await findRatesOnOrBefore(handle.db, wanted);
    for (const { currency, date } of wanted) {
      const one = await findRateOnOrBefore(handle.db, currency, date);
      expect(one).toEqual(many.find((r) => r.currency === currency && r.date === date));
    }
  });
});
