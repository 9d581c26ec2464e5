import { convertToUsdMinor } from "../../../contracts/minor-units.ts";

export interface RateTable {
  /** US cents and the rate used, or null when no rate covers the value date. */
  toUsd(
    amountMinor: bigint,
    currency: string,
    valueDate: string,
  ): { usdMinor: bigint; rate: string; rateDate: string } | null;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export interface RateRow {
  currency: string;
  rate_date: string;
  usd_per_unit: string;
}

/** The stored rates and how old a rate may be, as plain data (they also go to a worker). */
export interface RateRows {
  rows: RateRow[];
  lookbackDays: number;
}

/**
 * The platform's stored rates as a table, read once per import so that a file of a hundred
 * thousand transactions does not ask the database a hundred thousand times. Same rule as
 * convertToUsd: the latest rate on or before the value date, at most `lookbackDays` old (the
 * exchange-rates module's RATE_LOOKBACK_DAYS). The rows come sorted by currency, then date.
 */
export function rateTable({ rows, lookbackDays }: RateRows): RateTable {
  const byCurrency = new Map<string, Array<{ date: string; rate: string }>>();
  for (const row of rows) {
    const list = byCurrency.get(row.currency) ?? [];
    list.push({ date: row.rate_date, rate: row.usd_per_unit });
    byCurrency.set(row.currency, list);
  }
  return {
    toUsd(amountMinor, currency, valueDate) {
      if (currency === "USD") return { usdMinor: amountMinor, rate: "1", rateDate: valueDate };
      const list = byCurrency.get(currency);
      if (!list) return null;
      let low = 0;
      let high = list.length - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        if ((list[mid]?.date ?? "") <= valueDate) {
          found = mid;
          low = mid + 1;
        } else high = mid - 1;
      }
      const entry = list[found];
      if (!entry || dayNumber(valueDate) - dayNumber(entry.date) > lookbackDays) return null;
      return {
        usdMinor: convertToUsdMinor(amountMinor, currency, entry.rate),
        rate: entry.rate,
        rateDate: entry.date,
      };
    },
  };
}
