import type { Kysely } from "kysely";
import { convertToUsdMinor } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import { RATE_LOOKBACK_DAYS } from "../exchange-rates/index.ts";

export interface RateTable {
  /** US cents and the rate used, or null when no rate covers the value date. */
  toUsd(
    amountMinor: bigint,
    currency: string,
    valueDate: string,
  ): { usdMinor: bigint; rate: string; rateDate: string } | null;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * The platform's stored rates, read once per import so that a file of a hundred thousand
 * transactions does not ask the database a hundred thousand times. Same rule as
 * convertToUsd: the latest rate on or before the value date, at most RATE_LOOKBACK_DAYS old.
 */
export async function loadRateTable(db: Kysely<Database>): Promise<RateTable> {
  const rows = await db
    .selectFrom("exchange_rates")
    .select(["currency", "rate_date", "usd_per_unit"])
    .orderBy("currency")
    .orderBy("rate_date")
    .execute();
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
      if (!entry || dayNumber(valueDate) - dayNumber(entry.date) > RATE_LOOKBACK_DAYS) return null;
      return {
        usdMinor: convertToUsdMinor(amountMinor, currency, entry.rate),
        rate: entry.rate,
        rateDate: entry.date,
      };
    },
  };
}
