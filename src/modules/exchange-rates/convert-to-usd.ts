import type { Kysely } from "kysely";
import { convertToUsdMinor } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { findRateOnOrBefore, RATE_LOOKBACK_DAYS } from "./exchange-rates.queries.ts";
import type { RateBasis } from "./exchange-rates.schema.ts";

export interface UsdConversion {
  usdMinor: bigint;
  /** USD per unit that was applied ("1" for USD itself). */
  rate: string;
  /** The date of the rate that was applied. */
  rateDate: string;
  /** What the applied rate is (absent for USD itself, which needs none). */
  basis?: RateBasis;
  /** Where the applied rate comes from. */
  source?: string;
}

/**
 * Converts an amount to US cents with the stored rate of its value date: the latest rate on
 * or before that date, at most RATE_LOOKBACK_DAYS old. No rate is an error naming the field,
 * the currency and the date, never a silent 0 or 1. `path` is the input field the amount came
 * from.
 */
export async function convertToUsd(options: {
  db: Kysely<Database>;
  amountMinor: bigint;
  currency: string;
  valueDate: string;
  path: string;
}): Promise<UsdConversion> {
  const { amountMinor, currency, valueDate } = options;
  if (currency === "USD") return { usdMinor: amountMinor, rate: "1", rateDate: valueDate };
  const rate = await findRateOnOrBefore(options.db, currency, valueDate);
  if (!rate) {
    const message = `No exchange rate for ${currency} on or within ${RATE_LOOKBACK_DAYS} days before ${valueDate}; add one (PUT /api/exchange-rates/${currency}/${valueDate} or "esca import rates").`;
    throw new AppError("missing_exchange_rate", message, {
      details: [{ path: options.path, message }],
      reason: "missing_rate",
      values: { currency, date: valueDate, lookback_days: RATE_LOOKBACK_DAYS },
    });
  }
  return {
    usdMinor: convertToUsdMinor(amountMinor, currency, rate.usd_per_unit),
    rate: rate.usd_per_unit,
    rateDate: rate.rate_date,
    basis: rate.basis as RateBasis,
    source: rate.source,
  };
}
