import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { upsertExchangeRateRows } from "./exchange-rates.queries.ts";
import type { ExchangeRateInput } from "./exchange-rates.schema.ts";

export interface UpsertResult {
  imported: number;
  created: number;
  updated: number;
}

/**
 * Writes rates in one transaction: a new (currency, date) is added, an existing one is
 * replaced (rates are reference data the secretariat corrects; the flows already recorded
 * keep the rate they were converted with).
 */
export async function upsertExchangeRates(options: {
  db: Kysely<Database>;
  rates: ExchangeRateInput[];
}): Promise<UpsertResult> {
  if (options.rates.length === 0) return { imported: 0, created: 0, updated: 0 };
  return inTransaction(options.db, async (trx) => {
    let created = 0;
    // Chunks keep each statement well under PostgreSQL's parameter limit.
    for (let i = 0; i < options.rates.length; i += 1000) {
      const chunk = options.rates.slice(i, i + 1000);
      created += await upsertExchangeRateRows(
        trx,
        chunk.map((r) => ({
          currency: r.currency,
          rate_date: r.date,
          usd_per_unit: r.usd_per_unit,
          basis: r.basis,
          source: r.source,
        })),
      );
    }
    return { imported: options.rates.length, created, updated: options.rates.length - created };
  });
}
