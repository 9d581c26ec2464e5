import { z } from "zod";
import { iatiProblemCodes } from "./read/iati-activity.ts";

/**
 * `code` and `values` name the problem for clients that word it themselves (the web's
 * catalogs); `message` is the same in English. Reports stored before problems had codes lack
 * them, hence optional here; every new problem has both.
 */
const problemSchema = z.object({
  line: z.number().int(),
  kind: z.enum(["data", "rule", "schema", "rate"]),
  message: z.string(),
  code: z.enum(iatiProblemCodes).optional().meta({
    description:
      "Stable name of the problem (schema: the schema validator's own English text is in values.text)",
  }),
  values: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .meta({ description: "What the problem's sentence names, e.g. sector_sum: vocabulary, total" }),
});
const activityReportSchema = z.object({
  identifier: z.string().nullable(),
  line: z.number().int(),
  endLine: z.number().int(),
  problems: z.array(problemSchema),
});

export const validationReportSchema = z
  .object({
    version: z.string().nullable(),
    activityCount: z.number().int(),
    transactionCount: z.number().int(),
    valid: z.boolean(),
    problemCount: z.number().int(),
    fileProblems: z.array(problemSchema),
    activities: z.array(activityReportSchema),
  })
  .meta({ id: "IatiValidationReport" });

export const importSummarySchema = z
  .object({
    status: z.enum(["imported", "unchanged", "dry_run"]),
    file: z.string(),
    sha256: z.string(),
    publisher: z.string().nullable(),
    version: z.string().nullable(),
    activities: z.number().int(),
    transactions: z.number().int(),
    budgets: z.number().int(),
    skipped: z.number().int(),
    linked: z.number().int(),
    missingRates: z.number().int(),
    flowsRecorded: z.number().int(),
    flowsReversed: z.number().int(),
    partnerCreated: z.boolean(),
    problemCount: z.number().int(),
    problems: z.array(activityReportSchema),
  })
  .meta({ id: "IatiImportSummary" });

export const importJobSchema = z
  .object({
    id: z.string(),
    file: z.string(),
    dryRun: z.boolean(),
    status: z.enum(["running", "succeeded", "failed"]),
    bytesRead: z.number(),
    totalBytes: z.number(),
    summary: importSummarySchema.nullable(),
    validation: validationReportSchema.nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: "IatiImportJob" });

export const uploadQuerySchema = z.object({
  dry_run: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  wait: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .meta({
      description: "Answer when the import has ended (the CLI does), instead of 202 at once",
    }),
});
export const jobParams = z.object({ id: z.uuid() });

export const publicationSchema = z.object({
  publisher_ref: z.string(),
  partner_id: z.string(),
  file_name: z.string(),
  file_sha256: z.string(),
  iati_version: z.string(),
  generated_datetime: z.string().nullable(),
  activity_count: z.number().int(),
  transaction_count: z.number().int(),
  budget_count: z.number().int(),
  skipped_count: z.number().int(),
  linked_count: z.number().int(),
  imported_by: z.string(),
  imported_at: z.string(),
});

export const linkParams = z.object({ identifier: z.string().min(1).max(200) });
export const linkBodySchema = z
  .object({
    initiative: z.string().trim().min(1).max(64).meta({ description: "Initiative id or code" }),
  })
  .strict();
export const linkSchema = z.object({
  iati_identifier: z.string(),
  initiative_id: z.string(),
  initiative_code: z.string(),
  created_by: z.string(),
  created_at: z.string(),
});
