import { z } from "zod";
import { paginationQuerySchema } from "../../contracts/common.ts";
import { reportFormats, reportLanguages } from "../../contracts/reports.ts";

// The answers are shared with the web: src/contracts/reports.ts.
export {
  type Report,
  type ReportJob,
  reportFiguresSchema,
  reportJobSchema,
  reportListSchema,
  reportSchema,
} from "../../contracts/reports.ts";

/**
 * An as-of date or instant: "2012-06-03" means the end of that day in UTC (everything recorded
 * on it counts); an instant with its offset is taken as it is.
 */
export const asOfSchema = z
  .string()
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/,
    "must be a date (2012-06-03) or an instant with its offset (2012-06-03T18:00:00Z)",
  )
  .transform((value, ctx) => {
    const instant = new Date(value.length === 10 ? `${value}T23:59:59.999Z` : value);
    // A day that does not exist (2011-02-30) is refused, not rolled over into March.
    // A month 69 is no date at all: checked first, as toISOString throws on it.
    const valid = !Number.isNaN(instant.getTime());
    const real = valid && (value.length !== 10 || instant.toISOString().slice(0, 10) === value);
    if (!valid || !real || instant.getUTCFullYear() < 2011) {
      ctx.addIssue({ code: "custom", message: "must be a real date, in 2011 or later" });
      return z.NEVER;
    }
    return instant;
  });

export const createReportJobSchema = z
  .object({
    language: z.enum(reportLanguages),
    format: z.enum(reportFormats),
    as_of: asOfSchema.optional(),
  })
  .strict();
export type CreateReportJobInput = z.infer<typeof createReportJobSchema>;

export const reportIdParams = z.object({ id: z.uuid() });
export const listReportsQuerySchema = paginationQuerySchema;
