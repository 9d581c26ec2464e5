import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";
import type { Principal } from "../../accounts/index.ts";
import { type ValidationReport, validateIatiFile } from "../validate/validate-iati-file.ts";
import { importIatiFile } from "./import-iati-file.ts";
import type { ImportSummary } from "./import-summary.ts";

/** What a dry run is doing: each is one pass over the file, in this order. */
export type DryRunPhase = "validating" | "importing";

/** A dry run's verdict: the file checked as published, and what importing it would do. */
export interface DryRunReport {
  validation: ValidationReport;
  summary: ImportSummary;
}

export interface DryRunOptions {
  db: Kysely<Database>;
  path: string;
  fileName?: string;
  principal: Principal;
  reportingOrgRef: string;
  /** The official schemas' folder; null checks the guard, the data and the rules only. */
  schemaDir: string | null;
  /** Called as each pass starts, before its first progress. */
  onPhase?: (phase: DryRunPhase) => void;
  onProgress?: (phase: DryRunPhase, bytesRead: number, totalBytes: number) => void;
}

/**
 * Checks a file and goes through its import without writing anything, for the upload jobs and
 * the command line alike. Two passes over the file: the validation (the streaming guard, the
 * data, the rules and the official schema, reading the file's bytes for its SHA-256 as well),
 * then the import in a transaction that is rolled back, given that hash so that it does not
 * read the file a third time. A hostile file is refused by the first pass (an AppError), before
 * the database is asked anything.
 */
export async function dryRunIatiFile(options: DryRunOptions): Promise<DryRunReport> {
  const { onPhase, onProgress } = options;
  const progress = (phase: DryRunPhase) =>
    onProgress &&
    ((bytesRead: number, totalBytes: number) => onProgress(phase, bytesRead, totalBytes));
  const hash = createHash("sha256");
  onPhase?.("validating");
  const validating = progress("validating");
  const validation = await validateIatiFile({
    path: options.path,
    schemaDir: options.schemaDir,
    onBytes: (chunk) => hash.update(chunk),
    ...(validating && { onProgress: validating }),
  });
  onPhase?.("importing");
  const importing = progress("importing");
  const summary = await importIatiFile({
    db: options.db,
    path: options.path,
    ...(options.fileName !== undefined && { fileName: options.fileName }),
    principal: options.principal,
    reportingOrgRef: options.reportingOrgRef,
    dryRun: true,
    sha256: hash.digest("hex"),
    ...(importing && { onProgress: importing }),
  });
  return { validation, summary };
}
