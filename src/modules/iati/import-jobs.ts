import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { rm } from "node:fs/promises";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import type { AppError, ErrorCode } from "../../platform/errors.ts";
import { toAppError } from "../../platform/http/error-handler.ts";
import type { Principal } from "../accounts/index.ts";
import { type IatiSettings, optionalSchemaDir } from "./iati-settings.ts";
import { type ImportSummary, importIatiFile } from "./import-iati-file.ts";
import { type ValidationReport, validateIatiFile } from "./validate-iati-file.ts";

export interface ImportJob {
  id: string;
  file: string;
  dryRun: boolean;
  status: "running" | "succeeded" | "failed";
  bytesRead: number;
  totalBytes: number;
  summary: ImportSummary | null;
  /** The schema and rules report of a dry run. */
  validation: ValidationReport | null;
  error: { code: ErrorCode; message: string } | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export type JobEvent = { type: "progress" | "done"; job: ImportJob };

/** Finished jobs are kept this long for late readers, then forgotten. */
const KEEP_MS = 60 * 60 * 1000;

/**
 * Import jobs of this server process: an upload becomes a job that runs in the background and
 * reports progress to listeners (the SSE route). The job's temporary file, named by its id, is
 * deleted when it ends. Jobs live in memory: another instance behind a load balancer does not
 * see them, and a restart forgets them (the import itself is atomic either way).
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private readonly events = new EventEmitter();

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  subscribe(id: string, listener: (event: JobEvent) => void): () => void {
    this.events.on(id, listener);
    return () => this.events.off(id, listener);
  }

  start(options: {
    id: string;
    db: Kysely<Database>;
    path: string;
    file: string;
    totalBytes: number;
    principal: Principal;
    createdBy: string;
    settings: IatiSettings;
    dryRun: boolean;
  }): { job: ImportJob; finished: Promise<ImportJob> } {
    const job: ImportJob = {
      id: options.id,
      file: options.file,
      dryRun: options.dryRun,
      status: "running",
      bytesRead: 0,
      totalBytes: options.totalBytes,
      summary: null,
      validation: null,
      error: null,
      createdBy: options.createdBy,
      createdAt: new Date().toISOString(),
      finishedAt: null,
    };
    this.jobs.set(job.id, job);
    const emit = (type: JobEvent["type"]) => this.events.emit(job.id, { type, job: { ...job } });
    const onProgress = (bytesRead: number) => {
      job.bytesRead = bytesRead;
      emit("progress");
    };
    const finished = (async () => {
      try {
        if (options.dryRun)
          job.validation = await validateIatiFile({
            path: options.path,
            schemaDir: optionalSchemaDir(options.settings),
          });
        job.summary = await importIatiFile({
          db: options.db,
          path: options.path,
          fileName: options.file,
          principal: options.principal,
          reportingOrgRef: options.settings.reportingOrg.ref,
          dryRun: options.dryRun,
          onProgress,
        });
        job.status = "succeeded";
      } catch (error) {
        const appError: AppError = toAppError(error);
        job.status = "failed";
        job.error = { code: appError.code, message: appError.message };
      } finally {
        job.finishedAt = new Date().toISOString();
        await rm(options.path, { force: true });
        emit("done");
        setTimeout(() => this.jobs.delete(job.id), KEEP_MS).unref();
      }
      return job;
    })();
    return { job, finished };
  }
}

export const newJobId = () => randomUUID();
