import { describe, expect, it } from "vitest";
import { latestRateOnOrBefore, RATE_LOOKBACK_DAYS } from "./rate-window.ts";

const rates = ["2015-01-01", "2015-07-01", "2016-12-01"].map((rate_date) => ({
  rate_date,
  usd_per_unit: `rate of ${rate_date}`,
}));
const rateOn = (date: string, sorted: ReadonlyArray<{ rate_date: string }> = rates) =>
  latestRateOnOrBefore(sorted, date)?.rate_date;

describe("the latest rate on or before a date, within the window", () => {
  it("takes the latest rate dated on or before the date", () => {
    expect(rateOn("2015-06-30")).toBe("2015-01-01");
    expect(rateOn("2015-07-01")).toBe("2015-07-01");
    expect(rateOn("2016-06-30")).toBe("2015-07-01");
    expect(rateOn("2017-03-01")).toBe("2016-12-01");
    expect(latestRateOnOrBefore(rates, "2015-07-02")?.usd_per_unit).toBe("rate of 2015-07-01");
  });

  it("finds none before the first rate, nor in an empty list", () => {
    expect(rateOn("2014-12-31")).toBeUndefined();
    expect(rateOn("2015-06-30", [])).toBeUndefined();
  });

  it(`takes a rate at most ${RATE_LOOKBACK_DAYS} days old, counting leap days`, () => {
    expect(RATE_LOOKBACK_DAYS).toBe(366);
    const one = [{ rate_date: "2015-01-01" }];
    // 2016 is a leap year: 2016-01-02 is 366 days after 2015-01-01, 2016-01-03 is 367.
    expect(rateOn("2016-01-02", one)).toBe("2015-01-01");
    expect(rateOn("2016-01-03", one)).toBeUndefined();
    // Past the window, an older rate never serves instead.
    expect(rateOn("2016-07-01")).toBe("2015-07-01");
    expect(rateOn("2016-07-02")).toBeUndefined();
  });

  it("agrees with a scan of every rate, on every day around them", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      rate_date: new Date(Date.UTC(2010, 0, 1 + i * i * 7)).toISOString().slice(0, 10),
    }));
    for (let day = -10; day < 40 * 40 * 7 + 400; day += 3) {
      const date = new Date(Date.UTC(2010, 0, 1 + day)).toISOString().slice(0, 10);
      const earliest = new Date(Date.UTC(2010, 0, 1 + day - RATE_LOOKBACK_DAYS))
        .toISOString()
        .slice(0, 10);
      const scanned = many.filter((r) => r.rate_date <= date && r.rate_date >= earliest).at(-1);
      expect([date, latestRateOnOrBefore(many, date)]).toEqual([date, scanned]);
    }
  });
});
