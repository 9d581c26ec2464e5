import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/** How far back a rate may be taken from: a year, so annual average rates serve their year. */
export const RATE_LOOKBACK_DAYS = 366;

/**
 * The latest rate for the currency on or before the date, within the look-back window. Each
 * rate is dated at the start of the period it covers (a month's average on the 1st, a year's on
 * 1 January), so the latest one on or before a date is the one of its month or year.
 */
export function findRateOnOrBefore(db: Kysely<Database>, currency: string, date: string) {
  return db
    .selectFrom("exchange_rates")
    .select(["currency", "rate_date", "usd_per_unit", "basis", "source"])
    .where("currency", "=", currency)
    .where("rate_date", "<=", date)
    .where("rate_date", ">=", sql<string>`(${date}::date - ${RATE_LOOKBACK_DAYS}::int)`)
    .orderBy("rate_date", "desc")
    .limit(1)
    .executeTakeFirst();
}
