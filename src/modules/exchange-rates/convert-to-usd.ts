import type { Kysely } from "kysely";
import {
  AMOUNT_BOUND_TEXT,
  convertToUsdMinor,
  formatMinorUnits,
  isWithinAmountBound,
  MAX_AMOUNT_USD,
} from "../../contracts/money.ts";
import { RATE_LOOKBACK_DAYS } from "../../contracts/rate-window.ts";
import type { Database } from "../../platform/db/schema.ts";
import { AppError, invalidField } from "../../platform/errors.ts";
import { findRateOnOrBefore } from "./exchange-rates.queries.ts";
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
 * from (an amount too large is its problem); `ratePath` the field a missing rate is blamed on
 * (the currency's, e.g. "value.currency"; `path` when not given).
 */
export async function convertToUsd(options: {
  db: Kysely<Database>;
  amountMinor: bigint;
  currency: string;
  valueDate: string;
  path: string;
  ratePath?: string;
}): Promise<UsdConversion> {
  const { amountMinor, currency, valueDate } = options;
  if (currency === "USD")
    return applyUsdRate({ ...options, rate: { usd_per_unit: "1", rate_date: valueDate } });
  const rate = await findRateOnOrBefore(options.db, currency, valueDate);
  if (!rate) throw missingRate(options.ratePath ?? options.path, currency, valueDate);
  return applyUsdRate({ amountMinor, currency, rate, path: options.path });
}

/**
 * The refusal of an amount whose currency has no rate for its date, on the field `path`,
 * with the rule a client words itself: "No USD rate for GTQ on or before 3 Mar 2025 (within
 * 366 days)".
 */
export function missingRate(path: string, currency: string, date: string): AppError {
  const message = `No USD rate for ${currency} on or before ${date} (within ${RATE_LOOKBACK_DAYS} days); the secretariat can add one (PUT /api/exchange-rates/${currency}/${date} or "esca import rates").`;
  const values = { currency, date, lookback_days: RATE_LOOKBACK_DAYS };
  return new AppError("missing_exchange_rate", message, {
    details: [{ path, message, rule: { code: "missing_rate", ...values } }],
    reason: "missing_rate",
    values,
  });
}

/**
 * An amount valued with a rate already read, refused (naming `path`) when it is worth more
 * than the bound on one amount, before anything is written.
 *
 * Worked example: 1,000,000,000.000 KWD at 3.6 USD/KWD → USD 3,600,000,000.00, kept; at a
 * mistyped rate of 360 → USD 360,000,000,000.00, refused as more than USD 100,000,000,000.00.
 */
export function applyUsdRate(options: {
  amountMinor: bigint;
  currency: string;
  rate: { usd_per_unit: string; rate_date: string; basis?: RateBasis; source?: string };
  path: string;
}): UsdConversion {
  const { amountMinor, currency, rate } = options;
  const usdMinor = convertToUsdMinor(amountMinor, currency, rate.usd_per_unit);
  if (!isWithinAmountBound(usdMinor)) {
    const amount = `${formatMinorUnits(amountMinor, currency)} ${currency}`;
    const worth =
      currency === "USD"
        ? amount
        : `${amount}, worth USD ${formatMinorUnits(usdMinor, "USD")} at the rate of ${rate.rate_date} (${rate.usd_per_unit}),`;
    throw invalidField(
      options.path,
      `${worth} is more than one amount may be: ${AMOUNT_BOUND_TEXT}`,
      {
        code: "amount_too_large",
        maximum: MAX_AMOUNT_USD,
        currency: "USD",
      },
    );
  }
  return {
    usdMinor,
    rate: rate.usd_per_unit,
    rateDate: rate.rate_date,
    ...(rate.basis ? { basis: rate.basis } : {}),
    ...(rate.source ? { source: rate.source } : {}),
  };
}
