import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { Backend } from "../../../platform/db/connect.ts";
import type { Database } from "../../../platform/db/schema.ts";
import { toAppError } from "../../../platform/errors.ts";
import { actorUserId, type Principal } from "../../accounts/index.ts";
import { type IatiSettings, optionalSchemaDir } from "../iati-settings.ts";
import { dryRunIatiFile } from "../stage/dry-run-iati-file.ts";
import { importIatiFile } from "../stage/import-iati-file.ts";
import { canSeeImportJob, importJobOwnerFilter } from "./import-job.policy.ts";
import type { ImportJob, ImportJobListItem } from "./import-job.schema.ts";
import {
  endedJobIds,
  findJobRow,
  insertJob,
  interruptJobs,
  listJobRows,
  saveJobEnd,
  saveJobProgress,
} from "./import-jobs.queries.ts";

export type { ImportJob };
export type JobEvent = { type: "progress" | "done"; job: ImportJob; ownerId: string | null };
/** The channel that carries every job's events. */
const ALL_JOBS = "*";

/** A running job writes its progress at most this often, and at least this often (heartbeat). */
const PROGRESS_WRITE_MS = 1000;
const HEARTBEAT_MS = 10_000;
/** A running job whose heartbeat is older than this has no live server (PostgreSQL, several instances). */
export const STALE_SECONDS = 60;

interface RunningJob {
  job: ImportJob;
  ownerId: string | null;
  /** Database writes of this job, in order: progress never lands after the end. */
  writes: Promise<void>;
  writeQueued: boolean;
  lastWrite: number;
  /** Cuts a progress write's wait short when the job ends. */
  wake?: () => void;
  heartbeat: NodeJS.Timeout;
}

/**
 * Import jobs: an upload becomes a job that runs in the background of the server that received
 * it, streams its progress to listeners (the SSE route) and is kept in `iati_import_jobs` with
 * its report. The job's temporary file, named by its id, is deleted when it ends.
 *
 * While a job runs, its live state is this server's (memory); the database row follows within
 * a second. On the embedded database an import holds the one connection only while it writes a
 * batch or switches its publication (a dry run holds it throughout, and its row catches up when
 * it ends) — readers of a running job here are served from memory. A job
 * whose server stopped is marked interrupted: at start on the embedded database (one process
 * only), or once its heartbeat is stale on a PostgreSQL server shared by several instances.
 */
export class ImportJobs {
  private readonly running = new Map<string, RunningJob>();
  private readonly events = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly db: Kysely<Database>,
    private readonly backend: Backend,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * At start: the jobs a stopped server left running are marked interrupted, and the uploads
   * that jobs which ended left in the temporary folder (a server stopped in the middle of one)
   * are deleted. An upload whose job is not recorded may be another server's, still arriving:
   * it stays.
   */
  async recoverInterrupted(): Promise<number> {
    const interrupted = await this.interrupt({
      staleSeconds: this.backend === "pglite" ? null : STALE_SECONDS,
      except: [...this.running.keys()],
    });
    const names = await readdir(tmpdir()).catch(() => [] as string[]);
    const left = names.flatMap((name) => UPLOAD_NAME.exec(name)?.[1] ?? []);
    await removeUploads(await endedJobIds(this.db, left));
    return interrupted.length;
  }

  /** Marks jobs interrupted (interruptJobs) and deletes their uploads when they are here. */
  private async interrupt(options: Parameters<typeof interruptJobs>[1]): Promise<string[]> {
    const ids = await interruptJobs(this.db, options);
    await removeUploads(ids);
    return ids;
  }

  /** At a graceful stop on PostgreSQL: this server's running jobs end here. */
  async interruptOwn(): Promise<void> {
    // On the embedded database a dry run may hold the connection to its end; this process being
    // the folder's only one, the next start marks them.
    if (this.backend === "pglite" || this.running.size === 0) return;
    const only = [...this.running.keys()];
    await this.interrupt({ staleSeconds: null, only }).catch((error) =>
      this.log.warn({ err: error }, "could not mark running IATI import jobs as interrupted"),
    );
  }

  /** A job the principal may see, live when this server runs it. */
  async find(id: string, principal: Principal): Promise<ImportJob | undefined> {
    const live = this.running.get(id);
    const found = live ? { job: { ...live.job }, ownerId: live.ownerId } : await this.load(id);
    return found && canSeeImportJob(principal, found.ownerId) ? found.job : undefined;
  }

  isRunningHere(id: string): boolean {
    return this.running.has(id);
  }

  /** The principal's jobs (everyone's for the secretariat), newest first. */
  async list(options: { principal: Principal; limit: number; offset: number }) {
    await this.sweep();
    const { rows, total } = await listJobRows(this.db, {
      owner: importJobOwnerFilter(options.principal),
      limit: options.limit,
      offset: options.offset,
    });
    const data: ImportJobListItem[] = rows.map((row) => {
      const live = this.running.get(row.id)?.job;
      return live ? { ...row, phase: live.phase, bytesRead: live.bytesRead } : row;
    });
    return { data, total };
  }

  /** The events of one job, or of every job this server runs (`subscribeAll`). */
  subscribe(id: string, listener: (event: JobEvent) => void): () => void {
    this.events.on(id, listener);
    return () => this.events.off(id, listener);
  }

  subscribeAll(listener: (event: JobEvent) => void): () => void {
    return this.subscribe(ALL_JOBS, listener);
  }

  /** Records the job, then runs it in the background; `finished` settles once its end is saved. */
  async start(options: {
    id: string;
    path: string;
    file: string;
    totalBytes: number;
    principal: Principal;
    createdBy: string;
    settings: IatiSettings;
    dryRun: boolean;
  }): Promise<{ job: ImportJob; finished: Promise<ImportJob> }> {
    const job: ImportJob = {
      id: options.id,
      file: options.file,
      dryRun: options.dryRun,
      status: "running",
      phase: options.dryRun ? "validating" : "importing",
      bytesRead: 0,
      totalBytes: options.totalBytes,
      summary: null,
      validation: null,
      error: null,
      createdBy: options.createdBy,
      createdAt: new Date().toISOString(),
      finishedAt: null,
    };
    const ownerId = actorUserId(options.principal);
    try {
      await insertJob(this.db, job, ownerId);
    } catch (error) {
      await rm(options.path, { force: true });
      throw error;
    }
    const run: RunningJob = {
      job,
      ownerId,
      writes: Promise.resolve(),
      writeQueued: false,
      lastWrite: 0,
      heartbeat: setInterval(() => this.saveProgress(run), HEARTBEAT_MS).unref(),
    };
    this.running.set(job.id, run);
    return { job: { ...job }, finished: this.run(run, options) };
  }

  private async run(
    run: RunningJob,
    options: Parameters<ImportJobs["start"]>[0],
  ): Promise<ImportJob> {
    const { job } = run;
    const progress = (phase: NonNullable<ImportJob["phase"]>) => (bytesRead: number) => {
      job.phase = phase;
      job.bytesRead = bytesRead;
      this.emit(run, "progress");
      this.saveProgress(run);
    };
    const file = {
      db: this.db,
      path: options.path,
      fileName: options.file,
      principal: options.principal,
      reportingOrgRef: options.settings.reportingOrg.ref,
    };
    try {
      if (options.dryRun) {
        const report = await dryRunIatiFile({
          ...file,
          schemaDir: optionalSchemaDir(options.settings),
          onPhase: (phase) => {
            job.phase = phase;
            job.bytesRead = 0;
          },
          onProgress: (phase, bytesRead) => progress(phase)(bytesRead),
        });
        job.validation = report.validation;
        job.summary = report.summary;
      } else
        job.summary = await importIatiFile({
          ...file,
          onProgress: progress("importing"),
          // The job's end is saved with the switch: a server killed just after it restarts to
          // a succeeded job, never to an applied file whose job says "interrupted".
          onSwitch: async (trx, summary) => {
            job.finishedAt = new Date().toISOString();
            await saveJobEnd(trx, { ...job, status: "succeeded", phase: null, summary });
          },
        });
      job.status = "succeeded";
    } catch (error) {
      const appError = toAppError(error);
      job.status = "failed";
      job.error = { code: appError.code, message: appError.message };
    } finally {
      job.phase = null;
      job.finishedAt ??= new Date().toISOString();
      clearInterval(run.heartbeat);
      run.wake?.();
      // Whatever the end: a failure to delete must not keep the job from ending.
      await rm(options.path, { force: true }).catch(() => undefined);
      await run.writes;
      await saveJobEnd(this.db, job).catch((error) =>
        this.log.error({ err: error, job: job.id }, "could not save the end of an IATI import job"),
      );
      this.running.delete(job.id);
      this.emit(run, "done");
    }
    return job;
  }

  private emit(run: RunningJob, type: JobEvent["type"]) {
    const event: JobEvent = { type, job: { ...run.job }, ownerId: run.ownerId };
    this.events.emit(run.job.id, event);
    this.events.emit(ALL_JOBS, event);
  }

  /** Queues one progress write (at most one waiting; it writes the latest values). */
  private saveProgress(run: RunningJob) {
    if (run.writeQueued || run.job.status !== "running") return;
    run.writeQueued = true;
    const wait = Math.max(0, run.lastWrite + PROGRESS_WRITE_MS - Date.now());
    run.writes = run.writes.then(async () => {
      if (wait > 0)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          run.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      run.writeQueued = false;
      run.lastWrite = Date.now();
      if (run.job.status !== "running") return;
      await saveJobProgress(this.db, run.job).catch((error) =>
        this.log.warn({ err: error, job: run.job.id }, "could not save IATI import progress"),
      );
    });
  }

  private async load(id: string) {
    await this.sweep();
    return findJobRow(this.db, id);
  }

  /** Jobs of servers that stopped, found when someone looks. */
  private async sweep(): Promise<void> {
    await this.interrupt({ staleSeconds: STALE_SECONDS, except: [...this.running.keys()] });
  }
}

export const newJobId = () => randomUUID();

/** Where an upload waits for its job, named by the job's id; deleted when the job ends. */
export const uploadPath = (jobId: string) => join(tmpdir(), `esca-iati-upload-${jobId}.xml`);
const UPLOAD_NAME =
  /^esca-iati-upload-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.xml$/;

/** Best effort: an upload left over is deleted at the next start. */
async function removeUploads(jobIds: string[]): Promise<void> {
  await Promise.all(jobIds.map((id) => rm(uploadPath(id), { force: true }).catch(() => undefined)));
}
