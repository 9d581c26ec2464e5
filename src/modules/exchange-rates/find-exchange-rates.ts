import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import {
  type ExchangeRateRow,
  findExchangeRateRow,
  listExchangeRateRows,
} from "./exchange-rates.queries.ts";
import type { ExchangeRate, ListExchangeRatesQuery } from "./exchange-rates.schema.ts";

const toExchangeRate = (row: ExchangeRateRow): ExchangeRate => ({
  currency: row.currency,
  date: row.rate_date,
  usd_per_unit: row.usd_per_unit,
  basis: row.basis,
  source: row.source,
  updated_at: row.updated_at.toISOString(),
});

export async function findExchangeRates(options: {
  db: Kysely<Database>;
  query: ListExchangeRatesQuery;
}) {
  const { query } = options;
  const { rows, total } = await listExchangeRateRows(options.db, query);
  return {
    data: rows.map(toExchangeRate),
    page: { total, limit: query.limit, offset: query.offset },
  };
}

export async function getExchangeRate(options: {
  db: Kysely<Database>;
  currency: string;
  date: string;
}): Promise<ExchangeRate> {
  const row = await findExchangeRateRow(options.db, options.currency, options.date);
  if (!row) throw notFound("exchange rate", `${options.currency}/${options.date}`);
  return toExchangeRate(row);
}
