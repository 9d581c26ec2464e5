import type { Kysely } from "kysely";
import { DATA_LICENCE, type OpenData } from "../../contracts/open-data.ts";
import type { Database } from "../../platform/db/schema.ts";
import { findLastChangeAt } from "../audit/index.ts";

/** The tables the downloads are read from: a change to any of them changes the data. */
export const publishedDataTables = [
  "initiatives",
  "initiative_countries",
  "initiative_sectors",
  "initiative_targets",
  "initiative_transitions",
  "support_flows",
  "organizations",
  "strategy_components",
  "lines_of_action",
  "exchange_rates",
  "indicators",
  "indicator_observations",
  "conferences",
] as const;

/** The data's licence and when it last changed (the audit trail's newest change to it). */
export async function findOpenData(options: { db: Kysely<Database> }): Promise<OpenData> {
  const at = await findLastChangeAt(options.db, publishedDataTables);
  return { last_updated_at: at?.toISOString() ?? null, licence: { ...DATA_LICENCE } };
}
