import type { Kysely } from "kysely";
import type { ReportJob, ReportJobStage } from "../../contracts/reports.ts";
import type { Database } from "../../platform/db/schema.ts";
import { invalidField, notFound, toAppError } from "../../platform/errors.ts";
import { actorLabel, actorUserId, type Principal } from "../../platform/principal.ts";
import { toReport } from "./find-reports.ts";
import { generateReport } from "./generate-report.ts";
import type { ReportFormat, ReportLanguage } from "./report-figures.ts";
import {
  findReportJobRow,
  findReportRow,
  insertReportJob,
  updateReportJob,
} from "./reports.queries.ts";

const PROGRESS: Record<ReportJobStage, number> = {
  queued: 0,
  gathering: 20,
  rendering: 50,
  storing: 85,
  done: 100,
  failed: 100,
};

/** Jobs running in this process, so a test or a shutdown can wait for them. */
const running = new Set<Promise<void>>();

/**
 * Starts making a report in the background and answers at once with the job; the workspace
 * polls GET /api/report-jobs/:id for its stage. The as-of instant is fixed when the job is
 * asked for, so what it reports does not depend on how long it waits.
 */
export async function startReportJob(options: {
  db: Kysely<Database>;
  language: ReportLanguage;
  format: ReportFormat;
  asOf?: Date;
  principal: Principal;
}): Promise<ReportJob> {
  const { db, principal } = options;
  const asOf = options.asOf ?? new Date();
  if (asOf.getTime() > Date.now())
    throw invalidField("as_of", "must not be in the future: a report states what was recorded", {
      code: "not_in_future",
    });
  const job = await insertReportJob(db, {
    language: options.language,
    format: options.format,
    as_of: asOf,
    requested_by: actorLabel(principal),
    requested_by_user_id: actorUserId(principal),
  });
  const run = (async () => {
    try {
      const { report } = await generateReport({
        db,
        language: options.language,
        format: options.format,
        asOf,
        principal,
        onStage: async (stage) => {
          await updateReportJob(db, job.id, { stage });
        },
      });
      await updateReportJob(db, job.id, { stage: "done", report_id: report.id });
    } catch (error) {
      await updateReportJob(db, job.id, {
        stage: "failed",
        error_message: toAppError(error).message,
      }).catch(() => undefined);
    }
  })();
  running.add(run);
  void run.finally(() => running.delete(run));
  return getReportJob({ db, id: job.id });
}

/** Waits for every job this process started (tests; a server's shutdown). */
export async function settleReportJobs(): Promise<void> {
  await Promise.all([...running]);
}

export async function getReportJob(options: {
  db: Kysely<Database>;
  id: string;
}): Promise<ReportJob> {
  const row = await findReportJobRow(options.db, options.id);
  if (!row) throw notFound("report job", options.id);
  const report = row.report_id ? await findReportRow(options.db, row.report_id) : undefined;
  return {
    id: row.id,
    language: row.language,
    format: row.format,
    as_of: new Date(row.as_of).toISOString(),
    stage: row.stage,
    progress: PROGRESS[row.stage],
    report: report ? toReport(report) : null,
    error: row.error_message,
    created_at: new Date(row.created_at).toISOString(),
  };
}
