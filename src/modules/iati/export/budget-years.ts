import { divideRounded } from "../../../contracts/money.ts";

export interface BudgetPeriod {
  start: string;
  end: string;
  amountMinor: bigint;
}

const day = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / day;
const toDate = (n: number) => new Date(n * day).toISOString().slice(0, 10);

/**
 * IATI budgets cover at most a year, an initiative's budget its whole duration: the amount is
 * spread over calendar-year periods by days, the last period taking the rounding remainder so
 * that the periods add up to the budget exactly.
 *
 * Worked example: 1,000,000.00 from 2012-07-01 to 2013-06-30 (365 days) → 2012-07-01–2012-12-31
 * (184 days) 504,109.59 and 2013-01-01–2013-06-30 (181 days) 495,890.41.
 */
export function splitByYear(amountMinor: bigint, start: string, end: string): BudgetPeriod[] {
  const first = toDay(start);
  const last = Math.max(first, toDay(end));
  const totalDays = BigInt(last - first + 1);
  const periods: BudgetPeriod[] = [];
  let assigned = 0n;
  for (let year = Number(start.slice(0, 4)); year <= Number(toDate(last).slice(0, 4)); year++) {
    const from = Math.max(first, toDay(`${year}-01-01`));
    const to = Math.min(last, toDay(`${year}-12-31`));
    const isLast = to === last;
    const share = isLast
      ? amountMinor - assigned
      : divideRounded(amountMinor * BigInt(to - from + 1), totalDays);
    assigned += share;
    periods.push({ start: toDate(from), end: toDate(to), amountMinor: share });
  }
  return periods;
}
