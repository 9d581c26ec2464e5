import { convertToUsdMinor } from "../../../contracts/minor-units.ts";
import { latestRateOnOrBefore } from "../../../contracts/rate-window.ts";

export interface RateTable {
  /** US cents and the rate used, or null when no rate covers the value date. */
  toUsd(
    amountMinor: bigint,
    currency: string,
    valueDate: string,
  ): { usdMinor: bigint; rate: string; rateDate: string } | null;
}

/** A stored rate as plain data (the rates also go to a worker thread). */
export interface RateRow {
  currency: string;
  rate_date: string;
  usd_per_unit: string;
}

/**
 * The platform's stored rates as a table, read once per import so that a file of a hundred
 * thousand transactions does not ask the database a hundred thousand times. The rule is the
 * exchange-rates module's, latestRateOnOrBefore: the latest rate on or before the value date,
 * within RATE_LOOKBACK_DAYS. The rows come sorted by currency, then date.
 */
export function rateTable(rows: readonly RateRow[]): RateTable {
  const byCurrency = new Map<string, RateRow[]>();
  for (const row of rows) {
    const list = byCurrency.get(row.currency) ?? [];
    list.push(row);
    byCurrency.set(row.currency, list);
  }
  return {
    toUsd(amountMinor, currency, valueDate) {
      if (currency === "USD") return { usdMinor: amountMinor, rate: "1", rateDate: valueDate };
      const entry = latestRateOnOrBefore(byCurrency.get(currency) ?? [], valueDate);
      if (!entry) return null;
      return {
        usdMinor: convertToUsdMinor(amountMinor, currency, entry.usd_per_unit),
        rate: entry.usd_per_unit,
        rateDate: entry.rate_date,
      };
    },
  };
}
