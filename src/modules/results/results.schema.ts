import { z } from "zod";
import { indicatorDirections, resultsLevels } from "../../contracts/indicators.ts";

// The answers are shared with the web: src/contracts/results.ts.
export {
  type Progress,
  type ResultsActual,
  type ResultsFramework,
  type ResultsIndicator,
  resultsActualSchema,
  resultsFrameworkSchema,
  resultsIndicatorSchema,
} from "../../contracts/results.ts";

const decimal = z
  .string()
  .trim()
  .regex(/^-?\d{1,14}(\.\d{1,10})?$/, 'must be a number such as "41.4" (a point for decimals)')
  .meta({ example: "12" });
const year = z
  .number()
  .int()
  .min(1900, "must be 1900 or later")
  .max(2200, "must be 2200 or earlier");
const name = z.string().trim().min(1, "is required").max(300);
const measurement = z.object({ value: decimal, year }).strict();

const targetsSchema = z
  .array(measurement)
  .min(1, "give at least one target")
  .max(30)
  .superRefine((targets, ctx) => {
    const seen = new Set<number>();
    targets.forEach((target, index) => {
      if (seen.has(target.year))
        ctx.addIssue({
          code: "custom",
          path: [index, "year"],
          message: `${target.year} has a target already`,
          params: { rule: "duplicate_year" },
        });
      seen.add(target.year);
    });
  });

export const defineResultsIndicatorSchema = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(
        /^[A-Z0-9][A-Z0-9.-]{0,15}$/,
        "must be up to 16 letters, digits, dots or dashes, e.g. OUT-1",
      ),
    level: z.enum(resultsLevels),
    name: z.object({ es: name, en: name }).strict(),
    unit: z.string().trim().min(1, "is required").max(200),
    direction: z.enum(indicatorDirections),
    baseline: measurement.nullable().default(null),
    targets: targetsSchema,
    national_indicator: z.string().trim().min(1).max(64).nullable().default(null),
  })
  .strict()
  .superRefine((input, ctx) => {
    const first = Math.min(...input.targets.map((t) => t.year));
    if (input.baseline && input.baseline.year > first)
      ctx.addIssue({
        code: "custom",
        path: ["baseline", "year"],
        message: `must not be after the first target year (${first})`,
        params: { rule: "baseline_after_target" },
      });
  });
export type DefineResultsIndicatorInput = z.infer<typeof defineResultsIndicatorSchema>;

export const updateResultsIndicatorSchema = z
  .object({
    version: z.number().int().min(1).optional(),
    name: z.object({ es: name, en: name }).partial().strict().optional(),
    unit: z.string().trim().min(1).max(200).optional(),
    baseline: measurement.nullable().optional(),
    targets: targetsSchema.optional(),
  })
  .strict();
export type UpdateResultsIndicatorInput = z.infer<typeof updateResultsIndicatorSchema>;

/** What the focal point reports for a year: the value and what shows it. */
export const reportActualSchema = z
  .object({
    year,
    value: decimal,
    evidence: z.string().trim().min(1, "say what shows this value").max(2000),
    evidence_url: z
      .string()
      .trim()
      .max(2000)
      .regex(/^https?:\/\//, "must start with http:// or https://")
      .nullable()
      .default(null),
    notes: z.string().trim().min(1).max(2000).nullable().default(null),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type ReportActualInput = z.infer<typeof reportActualSchema>;

export const initiativeParams = z.object({ id: z.string().min(1).max(64) });
export const resultsIndicatorParams = z.object({ id: z.uuid() });
