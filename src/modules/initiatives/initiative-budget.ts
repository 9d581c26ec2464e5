import type { Kysely } from "kysely";
import type { Money } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import { convertToUsd } from "../exchange-rates/index.ts";

/** Today's date in UTC, "YYYY-MM-DD": the value date of a budget with no dates at all. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * The budget's columns, valued in USD once, when it is written, with the rate of its value
 * date; the original amount and currency are kept beside it.
 *
 * Worked example: EUR 21,500,000.00 valued on 2011-06-22 at 1.4385 USD/EUR
 *   → budget_amount_minor 2150000000 EUR, budget_usd_minor 3092775000 (USD 30,927,750.00),
 *     budget_fx_rate "1.4385", budget_fx_date "2011-06-22".
 * No stored rate for the date is an error on "budget.currency" (HTTP 422), never a guess.
 */
export async function valueBudget(db: Kysely<Database>, budget: Money, valueDate: string) {
  const usd = await convertToUsd({
    db,
    amountMinor: budget.amountMinor,
    currency: budget.currency,
    valueDate,
    path: "budget.amount",
    ratePath: "budget.currency",
  });
  return {
    budget_amount_minor: budget.amountMinor,
    budget_currency: budget.currency,
    budget_value_date: valueDate,
    budget_usd_minor: usd.usdMinor,
    budget_fx_rate: usd.rate,
    budget_fx_date: usd.rateDate,
  };
}
