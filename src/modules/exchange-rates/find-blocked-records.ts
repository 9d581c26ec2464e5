import type { Kysely } from "kysely";
import { RATE_LOOKBACK_DAYS } from "../../contracts/rate-window.ts";
import type { Database } from "../../platform/db/schema.ts";
import { countBlockedByMissingRate, findBlockedRecords } from "./blocked-records.queries.ts";
import type { BlockedByRate } from "./exchange-rates.schema.ts";

/** At most this many records are listed; `missing` counts them all. */
export const MAX_BLOCKED_LISTED = 500;

/**
 * What a missing rate blocks: each record valued in a currency with no rate for its value date
 * (the latest on or before it, within RATE_LOOKBACK_DAYS) — an initiative or a ledger entry
 * that cannot be valued again until one is added, or an IATI transaction or budget kept
 * without USD — and the missing (currency, date) pairs, each with how many records it blocks.
 *
 * Example: a GTQ draft budget valued on 2026-03-03 when the last GTQ rate is the 2024 annual
 * average → { kind: "initiative", currency: "GTQ", value_date: "2026-03-03", … } and the
 * pair GTQ 2026-03-03 blocking 1 record.
 */
export async function findBlockedByMissingRate(options: {
  db: Kysely<Database>;
}): Promise<BlockedByRate> {
  const [data, missing] = await Promise.all([
    findBlockedRecords(options.db, MAX_BLOCKED_LISTED),
    countBlockedByMissingRate(options.db),
  ]);
  return {
    data,
    missing,
    total: missing.reduce((sum, m) => sum + m.records, 0),
    lookback_days: RATE_LOOKBACK_DAYS,
  };
}
