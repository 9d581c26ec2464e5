import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { RateBasis } from "../../contracts/enums.ts";
import { RATE_LOOKBACK_DAYS } from "../../contracts/rate-window.ts";
import { readPage } from "../../platform/db/paging.ts";
import type { Database, ExchangeRatesTable } from "../../platform/db/schema.ts";
import { sqlArray } from "../../platform/db/sql-arrays.ts";
import type { ListExchangeRatesQuery } from "./exchange-rates.schema.ts";

export type ExchangeRateRow = Selectable<ExchangeRatesTable>;

export interface RateOnDate {
  /** The currency and the date a rate was asked for. */
  currency: string;
  date: string;
  /** The rate found: its own date (on or before `date`), value, basis and source. */
  rate_date: string;
  usd_per_unit: string;
  basis: RateBasis;
  source: string;
}

/**
 * The one rule for which stored rate values an amount (latestRateOnOrBefore, in
 * contracts/rate-window.ts), asked of the database: for each (currency, date), the latest rate
 * on or before the date, within RATE_LOOKBACK_DAYS. All pairs in one statement; a pair
 * without a rate is absent from the answer.
 *
 * Example: EUR rates of 2011-01-01 and 2011-06-22; EUR on 2011-06-30 → the rate of
 * 2011-06-22; EUR on 2010-12-31 → none (nothing on or before it within the window).
 */
export async function findRatesOnOrBefore(
  db: Kysely<Database>,
  wanted: ReadonlyArray<{ currency: string; date: string }>,
): Promise<RateOnDate[]> {
  if (!wanted.length) return [];
  const result = await sql<RateOnDate>`
    select w.currency::text as currency, w.date, r.rate_date, r.usd_per_unit, r.basis, r.source
    from unnest(
      ${sqlArray(
        wanted.map((w) => w.currency),
        "bpchar",
      )},
      ${sqlArray(
        wanted.map((w) => w.date),
        "date",
      )}
    ) as w(currency, date)
    cross join lateral (
      select e.rate_date, e.usd_per_unit, e.basis, e.source from exchange_rates e
      where e.currency = w.currency
        and e.rate_date <= w.date
        and e.rate_date >= (w.date - ${RATE_LOOKBACK_DAYS}::int)
      order by e.rate_date desc
      limit 1
    ) as r
  `.execute(db);
  return result.rows;
}

/** The rate that values an amount in `currency` on `date` (findRatesOnOrBefore's rule). */
export async function findRateOnOrBefore(
  db: Kysely<Database>,
  currency: string,
  date: string,
): Promise<RateOnDate | undefined> {
  const [rate] = await findRatesOnOrBefore(db, [{ currency, date }]);
  return rate;
}

/** Rates by currency, newest first, filtered by currency and date range; a page of them. */
export function listExchangeRateRows(db: Kysely<Database>, query: ListExchangeRatesQuery) {
  let base = db.selectFrom("exchange_rates");
  if (query.currency?.length) base = base.where("currency", "in", query.currency);
  if (query.from) base = base.where("rate_date", ">=", query.from);
  if (query.to) base = base.where("rate_date", "<=", query.to);
  return readPage(
    { rows: base.selectAll().orderBy("currency").orderBy("rate_date", "desc"), count: base },
    query,
  );
}

/** The rate stored for exactly this currency and date. */
export function findExchangeRateRow(db: Kysely<Database>, currency: string, date: string) {
  return db
    .selectFrom("exchange_rates")
    .selectAll()
    .where("currency", "=", currency)
    .where("rate_date", "=", date)
    .executeTakeFirst();
}

/** The rates stored for exactly these (currency, date) pairs, in one statement. */
export async function findExchangeRateRowsAt(
  db: Kysely<Database>,
  pairs: ReadonlyArray<{ currency: string; date: string }>,
): Promise<ExchangeRateRow[]> {
  if (!pairs.length) return [];
  const result = await sql<ExchangeRateRow>`
    select e.* from exchange_rates e
    join unnest(
      ${sqlArray(
        pairs.map((p) => p.currency),
        "bpchar",
      )},
      ${sqlArray(
        pairs.map((p) => p.date),
        "date",
      )}
    ) as w(currency, date) on e.currency = w.currency and e.rate_date = w.date
  `.execute(db);
  return result.rows;
}

/**
 * Adds each rate, or replaces the one stored for its (currency, date), in one statement; how
 * many were added (the rest replaced one).
 */
export async function upsertExchangeRateRows(
  db: Kysely<Database>,
  rows: Insertable<ExchangeRatesTable>[],
): Promise<number> {
  const written = await db
    .insertInto("exchange_rates")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["currency", "rate_date"]).doUpdateSet((eb) => ({
        usd_per_unit: eb.ref("excluded.usd_per_unit"),
        basis: eb.ref("excluded.basis"),
        source: eb.ref("excluded.source"),
        updated_at: new Date(),
      })),
    )
    // xmax = 0 only for a freshly inserted row: tells created from updated.
    .returning(sql<boolean>`(xmax = 0)`.as("inserted"))
    .execute();
  return written.filter((r) => r.inserted).length;
}
