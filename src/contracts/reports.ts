import { z } from "zod/mini";
import { listOf, timestamp, uuid } from "./shapes.ts";

/*
 * The Permanent Council's report to the General Assembly (AG/RES. 2626 ¶9): the issued
 * versions anyone may list, check by their SHA-256 and download, and the workspace's jobs
 * that make one.
 */

export const reportLanguages = ["es", "en"] as const;
export const reportFormats = ["docx", "pdf", "html"] as const;
/** A job's stages, in order; it ends done (with its report) or failed (with a message). */
export const reportJobStages = [
  "queued",
  "gathering",
  "rendering",
  "storing",
  "done",
  "failed",
] as const;
export type ReportLanguage = (typeof reportLanguages)[number];
export type ReportFormat = (typeof reportFormats)[number];
export type ReportJobStage = (typeof reportJobStages)[number];

export const reportSchema = z
  .object({
    id: uuid,
    symbol: z.string(),
    as_of: timestamp,
    language: z.enum(reportLanguages),
    format: z.enum(reportFormats),
    original_language: z.enum(reportLanguages),
    sha256: z.string().check(z.meta({ description: "SHA-256 of the file's bytes, hex" })),
    size_bytes: z.int(),
    issued_at: timestamp,
    download_url: z.string(),
  })
  .check(z.meta({ id: "Report" }));
export type Report = z.infer<typeof reportSchema>;
export const reportListSchema = listOf(reportSchema);
export type ReportList = z.infer<typeof reportListSchema>;

export const reportJobSchema = z
  .object({
    id: uuid,
    language: z.enum(reportLanguages),
    format: z.enum(reportFormats),
    as_of: timestamp,
    stage: z.enum(reportJobStages),
    /** 0–100, by stage: how far the job has come. */
    progress: z.int(),
    report: z.nullable(reportSchema),
    error: z.nullable(z.string()),
    created_at: timestamp,
  })
  .check(z.meta({ id: "ReportJob" }));
export type ReportJob = z.infer<typeof reportJobSchema>;

/** The figures a report showed, as stored with it (JSON; see the reports module). */
export const reportFiguresSchema = z.record(z.string(), z.unknown());
