import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import {
  applyUsdRate,
  convertToUsd,
  findRatesOnOrBefore,
  type UsdConversion,
} from "../exchange-rates/index.ts";

export type UsdConverter = (
  amountMinor: bigint,
  currency: string,
  valueDate: string,
) => Promise<UsdConversion>;

/**
 * convertToUsd for many amounts: the rates of every (currency, value date) are read in one
 * statement up front by the exchange-rates module's one rule (findRatesOnOrBefore) — and
 * applied with the same applyUsdRate (and its bound on one amount). USD, and a date without a
 * rate, go to convertToUsd itself: USD needs no rate, and a missing one is refused with its very
 * error.
 *
 * Worked example: 1,234.56 EUR on 2011-06-23 and 10.00 EUR on 2011-06-30 read the one rate
 * of 2011-06-22 (1.4385) → 177591 and 1439 cents, as two convertToUsd calls would.
 */
export async function loadUsdConverter(
  db: Kysely<Database>,
  amounts: ReadonlyArray<{ currency: string; valueDate: string }>,
): Promise<UsdConverter> {
  const key = (currency: string, date: string) => `${currency}|${date}`;
  const wanted = new Map<string, { currency: string; date: string }>();
  for (const { currency, valueDate } of amounts) {
    if (currency !== "USD") wanted.set(key(currency, valueDate), { currency, date: valueDate });
  }
  const rows = await findRatesOnOrBefore(db, [...wanted.values()]);
  const rates = new Map(rows.map((row) => [key(row.currency, row.date), row]));
  return async (amountMinor, currency, valueDate) => {
    const rate = currency === "USD" ? undefined : rates.get(key(currency, valueDate));
    if (!rate)
      return convertToUsd({
        db,
        amountMinor,
        currency,
        valueDate,
        path: "value.amount",
        ratePath: "value.currency",
      });
    return applyUsdRate({ amountMinor, currency, rate, path: "value.amount" });
  };
}
