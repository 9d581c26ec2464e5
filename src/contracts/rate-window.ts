/**
 * The one rule for which stored rate values an amount dated `date`: the latest rate dated on
 * or before it, at most RATE_LOOKBACK_DAYS older. Each rate is dated at the start of the
 * period it covers (a month's average on the 1st, a year's on 1 January), so the latest one
 * on or before a date is the one of its month or year. The exchange-rates module asks it of
 * the database (findRatesOnOrBefore, with this window); an IATI import asks it of the rates
 * it read once (here, in its staging thread, which loads no module's index).
 */

/** How far back a rate may be taken from: a year, so annual average rates serve their year. */
export const RATE_LOOKBACK_DAYS = 366;

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/**
 * The rate that values an amount dated `date` (YYYY-MM-DD), among one currency's rates sorted
 * by `rate_date`, oldest first; undefined when none is on or before it within the window.
 *
 * Example: rates of 2015-01-01 and 2015-07-01; 2015-06-30 → 2015-01-01's; 2015-07-01 →
 * 2015-07-01's; 2014-12-31 → none; 2016-06-30 → 2015-07-01's (365 days before); 2016-07-02
 * → none (367 days: 2016 is a leap year).
 */
export function latestRateOnOrBefore<Rate extends { rate_date: string }>(
  sortedRates: readonly Rate[],
  date: string,
): Rate | undefined {
  // Binary search for the last rate dated on or before `date` (ISO dates sort as text).
  let low = 0;
  let high = sortedRates.length - 1;
  let found: Rate | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const rate = sortedRates[middle];
    if (rate !== undefined && rate.rate_date <= date) {
      found = rate;
      low = middle + 1;
    } else high = middle - 1;
  }
  if (!found || dayNumber(date) - dayNumber(found.rate_date) > RATE_LOOKBACK_DAYS) return undefined;
  return found;
}
