import { type Kysely, sql } from "kysely";
import { copyRows } from "../../../platform/db/copy-rows.ts";
import type { Database } from "../../../platform/db/schema.ts";
import { type StagedBatch, stagedColumns } from "./staged-rows.ts";

/**
 * A staging publication whose heartbeat is older than this was left by a stopped process: a
 * live import touches it with every batch, seconds apart, and at the start of its switch.
 */
export const STAGING_STALE_SECONDS = 300;

/**
 * Writes a taken batch with COPY, table by table (activities first, as the transactions and
 * budgets name them, and the activities their publication).
 */
export async function insertStagedRows(db: Kysely<Database>, batch: StagedBatch): Promise<void> {
  await copyRows(db, "iati_activities", stagedColumns.activities, batch.activities);
  await copyRows(db, "iati_transactions", stagedColumns.transactions, batch.transactions);
  await copyRows(db, "iati_budgets", stagedColumns.budgets, batch.budgets);
}

/** The staging publication's heartbeat; false when it is no longer there (deleted as stale). */
export async function touchStagingPublication(
  db: Kysely<Database>,
  publicationId: string,
): Promise<boolean> {
  const touched = await db
    .updateTable("iati_publications")
    .set({ staged_at: sql<Date>`now()` })
    .where("id", "=", publicationId)
    .where("state", "=", "staging")
    .returning("id")
    .executeTakeFirst();
  return touched !== undefined;
}

/** One import's staging publication and, by cascade, its activities, transactions and budgets. */
export async function deleteStagingPublication(
  db: Kysely<Database>,
  publicationId: string,
): Promise<void> {
  await db
    .deleteFrom("iati_publications")
    .where("id", "=", publicationId)
    .where("state", "=", "staging")
    .execute();
}

/**
 * Staging publications of imports that stopped without cleaning up (a killed process): those
 * whose heartbeat is older than `staleSeconds`, or all of them when null (only when no other
 * process can be importing, i.e. at the start of a server on the embedded database).
 */
export async function discardStagedPublications(
  db: Kysely<Database>,
  options: { staleSeconds: number | null },
): Promise<number> {
  let query = db.deleteFrom("iati_publications").where("state", "=", "staging");
  if (options.staleSeconds !== null)
    query = query.where(
      "staged_at",
      "<",
      sql<Date>`now() - make_interval(secs => ${options.staleSeconds})`,
    );
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The current publication a file with this content already is, whichever its publisher. */
export function findCurrentWithFile(db: Kysely<Database>, sha256: string) {
  return db
    .selectFrom("iati_publications")
    .select(["publisher_ref", "activity_count", "transaction_count"])
    .where("state", "=", "current")
    .where("file_sha256", "=", sha256)
    .executeTakeFirst();
}

/** The publisher's current publication, when it has one. */
export function findCurrentPublication(db: Kysely<Database>, publisherRef: string) {
  return db
    .selectFrom("iati_publications")
    .select([
      "id",
      "publisher_ref",
      "generated_datetime",
      "file_name",
      "file_sha256",
      "activity_count",
      "transaction_count",
    ])
    .where("state", "=", "current")
    .where("publisher_ref", "=", publisherRef)
    .executeTakeFirst();
}

/**
 * Vacuums (and analyzes) the publication tables when no autovacuum runs, as on the embedded
 * database, which has no background processes: the rows of a replaced publication would
 * otherwise stay as dead tuples, and tables and indexes would grow with every import. Runs
 * outside any transaction. Returns whether it vacuumed.
 */
export async function vacuumWithoutAutovacuum(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ running: boolean }>`
    select exists (select from pg_stat_activity where backend_type = 'autovacuum launcher')
      and current_setting('autovacuum')::boolean as running`.execute(db);
  if (rows[0]?.running) return false;
  // A table at a time: on the embedded database, requests waiting are served in between.
  for (const table of ["iati_transactions", "iati_budgets", "iati_activities", "iati_publications"])
    await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
  return true;
}
