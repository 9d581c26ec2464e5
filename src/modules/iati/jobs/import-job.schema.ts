import { z } from "zod";
import { listOf, paginationQuerySchema } from "../../../contracts/common.ts";
import { importJobSchema, importSummarySchema, validationReportSchema } from "../iati.schema.ts";

/**
 * An upload job as the API shows it: the job of iati.schema.ts plus what it is doing while it
 * runs. A job the server stopped in the middle of is `failed` with error code `interrupted`.
 */
export const importJobStateSchema = importJobSchema.extend({
  phase: z.enum(["validating", "importing"]).nullable().meta({
    description:
      "While running: a dry run first validates the file, then imports it and rolls back; bytesRead restarts at each phase",
  }),
});
export type ImportJob = z.infer<typeof importJobStateSchema>;

/** A job in the history: its counts, without the per-activity problems (GET the job for those). */
export const importJobListItemSchema = importJobStateSchema.extend({
  summary: importSummarySchema.omit({ problems: true }).nullable(),
  validation: validationReportSchema
    .pick({ valid: true, problemCount: true, activityCount: true, transactionCount: true })
    .nullable(),
});
export type ImportJobListItem = z.infer<typeof importJobListItemSchema>;

export const importJobListSchema = listOf(importJobListItemSchema);
export const listImportJobsQuerySchema = paginationQuerySchema;
export type ListImportJobsQuery = z.infer<typeof listImportJobsQuerySchema>;
