import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/** How far back a rate may be taken from: a year, so annual average rates serve their year. */
export const RATE_LOOKBACK_DAYS = 366;

/** The latest rate for the currency on or before the date, within the look-back window. */
export function findRateOnOrBefore(db: Kysely<Database>, currency: string, date: string) {
  return db
    .selectFrom("exchange_rates")
    .select(["currency", "rate_date", "usd_per_unit", "source"])
    .where("currency", "=", currency)
    .where("rate_date", "<=", date)
    .where("rate_date", ">=", sql<string>`(${date}::date - ${RATE_LOOKBACK_DAYS}::int)`)
    .orderBy("rate_date", "desc")
    .limit(1)
    .executeTakeFirst();
}
