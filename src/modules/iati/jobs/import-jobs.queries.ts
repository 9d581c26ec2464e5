import { type Kysely, type Selectable, sql } from "kysely";
import { readPage } from "../../../platform/db/paging.ts";
import type { Database, IatiImportJobsTable } from "../../../platform/db/schema.ts";
import type { ImportJob, ImportJobListItem } from "./import-job.schema.ts";

type JobRow = Selectable<IatiImportJobsTable>;

/** Who may see which jobs: everyone's (null) or one user's. */
export type JobOwner = string | null;

const INTERRUPTED_IMPORT =
  "The server stopped before this import finished. An import is saved whole or not at all: check the partner's publication, or upload the file again (a file already imported changes nothing).";
const INTERRUPTED_DRY_RUN =
  "The server stopped before this dry run finished; nothing was written. Upload the file again.";

export function insertJob(
  db: Kysely<Database>,
  job: ImportJob,
  createdByUserId: string | null,
): Promise<unknown> {
  return db
    .insertInto("iati_import_jobs")
    .values({
      id: job.id,
      file_name: job.file,
      file_size: BigInt(job.totalBytes),
      dry_run: job.dryRun,
      phase: job.phase,
      created_by: job.createdBy,
      created_by_user_id: createdByUserId,
      created_at: job.createdAt,
    })
    .execute();
}

/** A running job's progress, and the heartbeat that says its server is alive. */
export function saveJobProgress(db: Kysely<Database>, job: ImportJob): Promise<unknown> {
  return db
    .updateTable("iati_import_jobs")
    .set({
      phase: job.phase,
      bytes_read: BigInt(job.bytesRead),
      heartbeat_at: sql<Date>`now()`,
    })
    .where("id", "=", job.id)
    .where("state", "=", "running")
    .execute();
}

/** A job's end. It overrides an `interrupted` mark: what the job itself saw is the truth. */
export function saveJobEnd(db: Kysely<Database>, job: ImportJob): Promise<unknown> {
  return db
    .updateTable("iati_import_jobs")
    .set({
      state: job.status,
      phase: null,
      bytes_read: BigInt(job.bytesRead),
      summary: job.summary ? JSON.stringify(job.summary) : null,
      validation: job.validation ? JSON.stringify(job.validation) : null,
      error_code: job.error?.code ?? null,
      error_message: job.error?.message ?? null,
      heartbeat_at: sql<Date>`now()`,
      finished_at: job.finishedAt ?? new Date().toISOString(),
    })
    .where("id", "=", job.id)
    .where((eb) => eb.or([eb("state", "=", "running"), eb("error_code", "=", "interrupted")]))
    .execute();
}

/**
 * Marks running jobs as interrupted: those whose heartbeat is older than `staleSeconds` (any
 * age when null), leaving out `except` (the jobs this server runs), or exactly `only`.
 * Returns the ids of the jobs marked.
 */
export async function interruptJobs(
  db: Kysely<Database>,
  options: { staleSeconds: number | null; except?: string[]; only?: string[] },
): Promise<string[]> {
  let query = db
    .updateTable("iati_import_jobs")
    .set({
      state: "failed",
      phase: null,
      error_code: "interrupted",
      error_message: sql<string>`case when dry_run then ${INTERRUPTED_DRY_RUN} else ${INTERRUPTED_IMPORT} end`,
      finished_at: sql<Date>`now()`,
    })
    .where("state", "=", "running");
  if (options.staleSeconds !== null)
    query = query.where(
      "heartbeat_at",
      "<",
      sql<Date>`now() - make_interval(secs => ${options.staleSeconds})`,
    );
  if (options.except?.length) query = query.where("id", "not in", options.except);
  if (options.only) {
    if (options.only.length === 0) return [];
    query = query.where("id", "in", options.only);
  }
  const rows = await query.returning("id").execute();
  return rows.map((row) => row.id);
}

/** Of these job ids, those of jobs that have ended (an upload of theirs is left over). */
export async function endedJobIds(db: Kysely<Database>, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("iati_import_jobs")
    .select("id")
    .where("id", "in", ids)
    .where("state", "<>", "running")
    .execute();
  return rows.map((row) => row.id);
}

export async function findJobRow(
  db: Kysely<Database>,
  id: string,
): Promise<{ job: ImportJob; ownerId: string | null } | undefined> {
  const row = await db
    .selectFrom("iati_import_jobs")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && { job: toJob(row), ownerId: row.created_by_user_id };
}

/** Jobs newest first, with their counts but not their per-activity problems. */
export async function listJobRows(
  db: Kysely<Database>,
  options: { owner: JobOwner; limit: number; offset: number },
): Promise<{ rows: ImportJobListItem[]; total: number }> {
  let base = db.selectFrom("iati_import_jobs");
  if (options.owner !== null) base = base.where("created_by_user_id", "=", options.owner);
  const { rows, total } = await readPage(
    {
      rows: base
        .select([
          "id",
          "file_name",
          "file_size",
          "dry_run",
          "state",
          "phase",
          "bytes_read",
          "error_code",
          "error_message",
          "created_by",
          "created_by_user_id",
          "created_at",
          "heartbeat_at",
          "finished_at",
          sql<unknown>`summary - 'problems'`.as("summary"),
          sql<unknown>`case when validation is null then null else jsonb_build_object(
            'valid', validation -> 'valid',
            'problemCount', validation -> 'problemCount',
            'activityCount', validation -> 'activityCount',
            'transactionCount', validation -> 'transactionCount') end`.as("validation"),
        ])
        .orderBy("created_at", "desc")
        .orderBy("id", "desc"),
      count: base,
    },
    options,
  );
  // The list's summary is the SQL's, without its problems: what ImportJobListItem says.
  return { rows: rows.map((row) => toJob(row) as ImportJobListItem), total };
}

function toJob(row: JobRow): ImportJob {
  return {
    id: row.id,
    file: row.file_name,
    dryRun: row.dry_run,
    status: row.state,
    phase: row.phase,
    bytesRead: Number(row.bytes_read),
    totalBytes: Number(row.file_size),
    summary: (row.summary ?? null) as ImportJob["summary"],
    validation: (row.validation ?? null) as ImportJob["validation"],
    error:
      row.error_code !== null
        ? { code: row.error_code, message: row.error_message ?? row.error_code }
        : null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
