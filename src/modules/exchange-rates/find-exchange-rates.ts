import type { Kysely } from "kysely";
import { readPage } from "../../platform/db/paging.ts";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { ExchangeRate, ListExchangeRatesQuery, RateBasis } from "./exchange-rates.schema.ts";

type RateRow = {
  currency: string;
  rate_date: string;
  usd_per_unit: string;
  basis: RateBasis;
  source: string;
  updated_at: Date;
};

const toExchangeRate = (row: RateRow): ExchangeRate => ({
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
  const { db, query } = options;
  let base = db.selectFrom("exchange_rates");
  if (query.currency?.length) base = base.where("currency", "in", query.currency);
  if (query.from) base = base.where("rate_date", ">=", query.from);
  if (query.to) base = base.where("rate_date", "<=", query.to);
  const { rows, total } = await readPage(
    { rows: base.selectAll().orderBy("currency").orderBy("rate_date", "desc"), count: base },
    query,
  );
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
  const row = await options.db
    .selectFrom("exchange_rates")
    .selectAll()
    .where("currency", "=", options.currency)
    .where("rate_date", "=", options.date)
    .executeTakeFirst();
  if (!row) throw notFound("exchange rate", `${options.currency}/${options.date}`);
  return toExchangeRate(row);
}
