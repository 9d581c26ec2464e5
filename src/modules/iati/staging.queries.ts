import type { Kysely } from "kysely";
import { copyRows } from "../../platform/db/copy-rows.ts";
import type { Database } from "../../platform/db/schema.ts";
import { type StagedBatch, stagedColumns } from "./staged-rows.ts";

/**
 * Writes a taken batch into a publication with COPY, table by table (activities first, as
 * the transactions and budgets name them). Each activity row ends in an empty field, where the
 * publication goes: fields never hold a raw tab or newline (copyField), so "\t\n" is only ever
 * that place.
 */
export async function insertStagedRows(
  db: Kysely<Database>,
  publicationId: string,
  batch: StagedBatch,
): Promise<void> {
  const activities = batch.activities.replaceAll("\t\n", `\t${publicationId}\n`);
  await copyRows(db, "iati_activities", stagedColumns.activities, activities);
  await copyRows(db, "iati_transactions", stagedColumns.transactions, batch.transactions);
  await copyRows(db, "iati_budgets", stagedColumns.budgets, batch.budgets);
}
