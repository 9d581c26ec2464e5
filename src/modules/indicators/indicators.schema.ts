import { z } from "zod";
import {
  countryCodeSchema,
  csvListSchema,
  paginationQuerySchema,
  sortSchema,
  versionInputSchema,
} from "../../contracts/common.ts";
import { indicatorDirections, observationSexes } from "../../contracts/indicators.ts";

// The answers are shared with the web: src/contracts/indicators.ts.
export {
  type Indicator,
  indicatorListSchema,
  indicatorSchema,
  type Observation,
  type ObservationCsvProblem,
  type ObservationImportResult,
  observationImportResultSchema,
  observationListSchema,
  observationSchema,
} from "../../contracts/indicators.ts";

const name = z.string().trim().min(1).max(300);
const source = z.string().trim().min(1).max(1000);
export const yearSchema = z.number().int().min(1900).max(2200);

/**
 * A measured value as an exact decimal string, never a JSON number: "41.4", "-0.5".
 * Up to ten decimals, so published figures such as "10.9166975" are kept as given.
 */
export const indicatorValueSchema = z
  .string()
  .regex(/^-?\d{1,14}(\.\d{1,10})?$/, 'must be a decimal string such as "41.4"')
  .meta({ example: "41.4" });

const sdgIndicator = z
  .string()
  .regex(/^[0-9]{1,2}\.[0-9a-z]{1,2}\.[0-9]{1,2}$/, "must be an SDG indicator such as 16.1.1")
  .meta({ example: "16.1.1" });
const notes = z.string().trim().min(1).max(2000);

export const createIndicatorSchema = z
  .object({
    code: z
      .string()
      .regex(
        /^[a-z][a-z0-9_]{1,63}$/,
        "must be 2–64 lowercase letters, digits or _, e.g. homicide_rate",
      ),
    name: z.object({ es: name, en: name }).strict(),
    unit: z.string().trim().min(1).max(200).meta({ example: "per 100,000 inhabitants" }),
    direction: z.enum(indicatorDirections).default("lower_is_better"),
    source: source.nullable().optional(),
    sdg_indicator: sdgIndicator.nullable().optional(),
  })
  .strict();
export type CreateIndicatorInput = z.infer<typeof createIndicatorSchema>;

export const updateIndicatorSchema = z
  .object({
    version: versionInputSchema.optional(),
    name: z.object({ es: name, en: name }).partial().strict().optional(),
    unit: z.string().trim().min(1).max(200).optional(),
    direction: z.enum(indicatorDirections).optional(),
    source: source.nullable().optional(),
    sdg_indicator: sdgIndicator.nullable().optional(),
  })
  .strict();
export type UpdateIndicatorInput = z.infer<typeof updateIndicatorSchema>;

export const listIndicatorsQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().min(1).max(100).optional(),
  sort: sortSchema(["code", "name_en", "name_es"] as const).prefault("code"),
});
export type ListIndicatorsQuery = z.infer<typeof listIndicatorsQuerySchema>;

/**
 * One value per indicator, country, year, source and disaggregation: recording it again
 * corrects it; the same country and year from another source is another series.
 */
export const recordObservationSchema = z
  .object({
    country: countryCodeSchema,
    year: yearSchema,
    value: indicatorValueSchema,
    source,
    sex: z.enum(observationSexes).default("total"),
    notes: notes.nullable().optional(),
  })
  .strict();
export type RecordObservationInput = z.infer<typeof recordObservationSchema>;

export const updateObservationSchema = z
  .object({
    version: versionInputSchema.optional(),
    value: indicatorValueSchema.optional(),
    source: source.optional(),
    notes: notes.nullable().optional(),
  })
  .strict();
export type UpdateObservationInput = z.infer<typeof updateObservationSchema>;

const yearQuery = z.coerce.number().int().min(1900).max(2200).optional();

export const listObservationsQuerySchema = paginationQuerySchema
  .extend({
    country: csvListSchema(countryCodeSchema).optional(),
    from_year: yearQuery,
    to_year: yearQuery,
    sex: z.enum(observationSexes).optional(),
    source: z.string().trim().min(1).max(1000).optional(),
    sort: sortSchema(["year", "country", "value"] as const).prefault("year"),
  })
  .refine((q) => q.from_year === undefined || q.to_year === undefined || q.from_year <= q.to_year, {
    path: ["to_year"],
    message: "must not be before from_year",
    params: { rule: "to_before_from" },
  });
export type ListObservationsQuery = z.infer<typeof listObservationsQuerySchema>;

export const indicatorIdParams = z.object({ id: z.string().min(1).max(64) });

export const importObservationsQuerySchema = z.object({
  skip_invalid: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .meta({ description: "Write the valid rows and skip the others (each still named)" }),
});
