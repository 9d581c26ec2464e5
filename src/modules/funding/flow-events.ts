import type { Kysely } from "kysely";
import type { FlowType } from "../../contracts/enums.ts";
import type { Database } from "../../platform/db/schema.ts";
import { publish } from "../../platform/events/index.ts";
import type { FlowValues } from "./entry-rows.ts";

/** The topic funding publishes each time ledger entries are written (recorded or reversed). */
export const FLOW_RECORDED = "funding.flow_recorded";

/** Past this many distinct ids an event says "any" (null) instead of listing them. */
const MAX_IDS = 50;

/**
 * What a "flow recorded" event says: enough for a subscriber to tell whether it cares, never
 * the entries themselves (it reads them again). `conference_ids` are the conferences the
 * entries were tagged to; `follows_prior` says some entry follows an earlier pledge or
 * commitment (whose conference it may inherit); null lists mean "too many to name".
 */
export interface FlowRecordedEvent {
  count: number;
  flow_types: FlowType[];
  reversal: boolean;
  follows_prior: boolean;
  conference_ids: string[] | null;
  partner_ids: string[] | null;
}

const distinct = (values: Array<string | null>) => {
  const set = [...new Set(values.filter((value): value is string => value !== null))].sort();
  return set.length > MAX_IDS ? null : set;
};

/**
 * Announces entries written in `trx`: heard by every instance once the transaction commits,
 * never if it rolls back (platform/events). One event per write, whatever its size.
 */
export function publishFlowsRecorded(
  trx: Kysely<Database>,
  rows: readonly FlowValues[],
): Promise<void> {
  if (!rows.length) return Promise.resolve();
  const event: FlowRecordedEvent = {
    count: rows.length,
    flow_types: [...new Set(rows.map((row) => row.flow_type))].sort(),
    reversal: rows.some((row) => row.reverses_id !== null),
    follows_prior: rows.some((row) => row.pledge_id !== null || row.commitment_id !== null),
    conference_ids: distinct(rows.map((row) => row.conference_id)),
    partner_ids: distinct(rows.map((row) => row.partner_id)),
  };
  return publish(trx, FLOW_RECORDED, event);
}
