import type { Kysely } from "kysely";
import { moneyOut, toMinorUnits } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import { convertToUsd } from "./convert-to-usd.ts";
import type { Conversion, ConversionQuery } from "./exchange-rates.schema.ts";

/**
 * Values an amount in USD on its date as a recorded amount would be, and says with what: the
 * rate's date, its basis (a monthly or annual average, a peg, a day's rate) and its source.
 *
 *   1000.00 GTQ on 2015-03-10 → the 2015 annual average (dated 2015-01-01), 0.13063673 USD
 *   per GTQ → 130.64 USD.
 */
export async function convertAmount(options: {
  db: Kysely<Database>;
  query: ConversionQuery;
}): Promise<Conversion> {
  const { amount, currency, date } = options.query;
  const usd = await convertToUsd({
    db: options.db,
    amountMinor: toMinorUnits(amount, currency),
    currency,
    valueDate: date,
    // A missing rate is the date's (and currency's) problem, not the amount's.
    path: "query.date",
  });
  return {
    amount: moneyOut(toMinorUnits(amount, currency), currency),
    value_date: date,
    usd: moneyOut(usd.usdMinor, "USD"),
    rate: usd.basis
      ? {
          currency,
          date: usd.rateDate,
          usd_per_unit: usd.rate,
          basis: usd.basis,
          source: usd.source ?? "",
        }
      : null,
  };
}
