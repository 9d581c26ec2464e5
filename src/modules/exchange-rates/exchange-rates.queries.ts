import { type Kysely, sql } from "kysely";
import type { RateBasis } from "../../contracts/enums.ts";
import type { Database } from "../../platform/db/schema.ts";
import { sqlArray } from "../../platform/db/sql-arrays.ts";

/** How far back a rate may be taken from: a year, so annual average rates serve their year. */
export const RATE_LOOKBACK_DAYS = 366;

export interface RateOnDate {
  /** The currency and the date a rate was asked for. */
  currency: string;
  date: string;
  /** The rate found: its own date (on or before `date`), value, basis and source. */
  rate_date: string;
  usd_per_unit: string;
  basis: RateBasis;
  source: string;
}

/**
 * The one rule for which stored rate values an amount: for each (currency, date), the latest
 * rate on or before the date, within RATE_LOOKBACK_DAYS. Each rate is dated at the start of
 * the period it covers (a month's average on the 1st, a year's on 1 January), so the latest
 * one on or before a date is the one of its month or year. All pairs in one statement; a pair
 * without a rate is absent from the answer.
 *
 * Example: EUR rates of 2011-01-01 and 2011-06-22; EUR on 2011-06-30 → the rate of
 * 2011-06-22; EUR on 2010-12-31 → none (nothing on or before it within the window).
 */
export async function findRatesOnOrBefore(
  db: Kysely<Database>,
  wanted: ReadonlyArray<{ currency: string; date: string }>,
): Promise<RateOnDate[]> {
  if (!wanted.length) return [];
  const result = await sql<RateOnDate>`
    select w.currency::text as currency, w.date, r.rate_date, r.usd_per_unit, r.basis, r.source
    from unnest(
      ${sqlArray(
        wanted.map((w) => w.currency),
        "bpchar",
      )},
      ${sqlArray(
        wanted.map((w) => w.date),
        "date",
      )}
    ) as w(currency, date)
    cross join lateral (
      select e.rate_date, e.usd_per_unit, e.basis, e.source from exchange_rates e
      where e.currency = w.currency
        and e.rate_date <= w.date
        and e.rate_date >= (w.date - ${RATE_LOOKBACK_DAYS}::int)
      order by e.rate_date desc
      limit 1
    ) as r
  `.execute(db);
  return result.rows;
}

/** The rate that values an amount in `currency` on `date` (findRatesOnOrBefore's rule). */
export async function findRateOnOrBefore(
  db: Kysely<Database>,
  currency: string,
  date: string,
): Promise<RateOnDate | undefined> {
  const [rate] = await findRatesOnOrBefore(db, [{ currency, date }]);
  return rate;
}
