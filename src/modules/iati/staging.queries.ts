import type { Kysely } from "kysely";
import { copyRows } from "../../platform/db/copy-rows.ts";
import type { Database } from "../../platform/db/schema.ts";
import { type StagedBatch, stagedColumns } from "./staged-rows.ts";

/**
 * Writes a taken batch with COPY, table by table (activities first, as the transactions and
 * budgets name them, and the activities their publication).
 */
export async function insertStagedRows(db: Kysely<Database>, batch: StagedBatch): Promise<void> {
  await copyRows(db, "iati_activities", stagedColumns.activities, batch.activities);
  await copyRows(db, "iati_transactions", stagedColumns.transactions, batch.transactions);
  await copyRows(db, "iati_budgets", stagedColumns.budgets, batch.budgets);
}
