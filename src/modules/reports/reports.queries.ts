import { type Kysely, sql } from "kysely";
import type { ReportFormat, ReportJobStage, ReportLanguage } from "../../contracts/reports.ts";
import type { Database } from "../../platform/db/schema.ts";

const listedColumns = [
  "id",
  "symbol",
  "as_of",
  "language",
  "format",
  "original_language",
  "sha256",
  "size_bytes",
  "issued_at",
] as const;

/** One document number per as-of instant at a time: taken under this lock. */
export async function lockReportNumbers(db: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(7272629)`.execute(db);
}

/** The symbol and original language already given to a report of this as-of instant. */
export function findIssueOfAsOf(db: Kysely<Database>, asOf: Date) {
  return db
    .selectFrom("reports")
    .select(["symbol", "original_language"])
    .where("as_of", "=", asOf)
    .orderBy("issued_at")
    .limit(1)
    .executeTakeFirst();
}

/** How many as-of instants of `year` have a document number already. */
export async function countAsOfsInYear(db: Kysely<Database>, year: number): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(distinct as_of)::int as n from reports
    where as_of >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'UTC')
      and as_of < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'UTC')`.execute(db);
  return result.rows[0]?.n ?? 0;
}

export function findSameReport(
  db: Kysely<Database>,
  key: { asOf: Date; language: ReportLanguage; format: ReportFormat; sha256: string },
) {
  return db
    .selectFrom("reports")
    .select(listedColumns)
    .where("as_of", "=", key.asOf)
    .where("language", "=", key.language)
    .where("format", "=", key.format)
    .where("sha256", "=", key.sha256)
    .executeTakeFirst();
}

export function insertReport(
  db: Kysely<Database>,
  values: {
    symbol: string;
    as_of: Date;
    language: ReportLanguage;
    format: ReportFormat;
    original_language: ReportLanguage;
    figures: string;
    sha256: string;
    bytes: Buffer;
    issued_by: string;
    issued_by_user_id: string | null;
  },
) {
  return db
    .insertInto("reports")
    .values({ ...values, size_bytes: values.bytes.length })
    .returning(listedColumns)
    .executeTakeFirstOrThrow();
}

export type ReportRow = Awaited<ReturnType<typeof insertReport>>;

export async function listReportRows(
  db: Kysely<Database>,
  page: { limit: number; offset: number },
) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom("reports")
      .select(listedColumns)
      .orderBy("issued_at", "desc")
      .orderBy("id")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom("reports")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

export function findReportRow(db: Kysely<Database>, id: string) {
  return db.selectFrom("reports").select(listedColumns).where("id", "=", id).executeTakeFirst();
}

export function findReportFile(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("reports")
    .select(["id", "symbol", "language", "format", "sha256", "bytes"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findReportFigures(db: Kysely<Database>, id: string) {
  return db.selectFrom("reports").select(["figures"]).where("id", "=", id).executeTakeFirst();
}

export function insertReportJob(
  db: Kysely<Database>,
  values: {
    language: ReportLanguage;
    format: ReportFormat;
    as_of: Date;
    requested_by: string;
    requested_by_user_id: string | null;
  },
) {
  return db.insertInto("report_jobs").values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateReportJob(
  db: Kysely<Database>,
  id: string,
  values: { stage: ReportJobStage; report_id?: string; error_message?: string },
) {
  return db
    .updateTable("report_jobs")
    .set({ ...values, updated_at: sql<Date>`clock_timestamp()` })
    .where("id", "=", id)
    .execute();
}

export function findReportJobRow(db: Kysely<Database>, id: string) {
  return db.selectFrom("report_jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Jobs a stopped server left unfinished end "failed" at a server's next start. On the embedded
 * database (`staleMinutes` null) the data folder's lock makes the starting server its only
 * process: every unfinished job is a dead one. On PostgreSQL other instances may be making
 * reports now; a job takes seconds, so one silent for `staleMinutes` is no live instance's.
 */
export function failUnfinishedReportJobs(
  db: Kysely<Database>,
  options: { staleMinutes: number | null },
) {
  let query = db
    .updateTable("report_jobs")
    .set({
      stage: "failed",
      error_message: "interrupted: the server stopped while it ran",
      updated_at: sql<Date>`clock_timestamp()`,
    })
    .where("stage", "not in", ["done", "failed"]);
  if (options.staleMinutes !== null)
    query = query.where(
      "updated_at",
      "<",
      sql<Date>`clock_timestamp() - make_interval(mins => ${options.staleMinutes})`,
    );
  return query.execute();
}
