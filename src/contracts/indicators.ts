import { z } from "zod/mini";
import { listOf, names, timestamp, uuid } from "./shapes.ts";

/** Which way an indicator should move: a homicide rate down, a conviction rate up. */
export const indicatorDirections = ["lower_is_better", "higher_is_better"] as const;
export type IndicatorDirection = (typeof indicatorDirections)[number];
/** The disaggregation an observation may carry: the total, or one sex where it is given. */
export const observationSexes = ["total", "female", "male"] as const;
export type ObservationSex = (typeof observationSexes)[number];
/** A results indicator's level in the initiative's chain of results. */
export const resultsLevels = ["output", "outcome"] as const;
export type ResultsLevel = (typeof resultsLevels)[number];

/** What is measured (the homicide rate), its unit, which way is better and where it comes from. */
export const indicatorSchema = z
  .object({
    id: uuid,
    code: z.string(),
    name: names,
    unit: z.string(),
    direction: z.enum(indicatorDirections),
    source: z.nullable(z.string()),
    sdg_indicator: z
      .nullable(z.string())
      .check(z.meta({ description: "The SDG indicator it measures, e.g. 16.1.1" })),
    version: z.int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .check(z.meta({ id: "Indicator" }));
export type Indicator = z.infer<typeof indicatorSchema>;

/**
 * One value of an indicator for a country, year, source and disaggregation, as an exact decimal
 * string. Two sources for the same country and year are two observations (two series).
 */
export const observationSchema = z
  .object({
    id: uuid,
    indicator: z.object({ id: uuid, code: z.string() }),
    country: z.string(),
    year: z.int(),
    sex: z.enum(observationSexes),
    value: z.string(),
    source: z.string(),
    notes: z.nullable(z.string()),
    version: z.int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .check(z.meta({ id: "IndicatorObservation" }));
export type Observation = z.infer<typeof observationSchema>;

export const indicatorListSchema = listOf(indicatorSchema);
export const observationListSchema = listOf(observationSchema);

/** A CSV problem: the line (the header is line 1), the column, a stable code and the message. */
export const observationCsvProblemSchema = z.object({
  line: z.int(),
  column: z.nullable(z.string()),
  code: z.string(),
  message: z.string(),
  values: z.record(z.string(), z.unknown()),
});
export type ObservationCsvProblem = z.infer<typeof observationCsvProblemSchema>;

/**
 * What an observations CSV would do (preview) or did (import): rows valid and their lines,
 * every problem by line and column; `imported` is 0 on a preview and on a refused file.
 */
export const observationImportResultSchema = z
  .object({
    rows: z.int(),
    valid: z.int(),
    invalid_lines: z.array(z.int()),
    problems: z.array(observationCsvProblemSchema),
    imported: z.int(),
    created: z.int(),
    updated: z.int(),
    unchanged: z.int(),
    skipped: z.int(),
  })
  .check(z.meta({ id: "ObservationImportResult" }));
export type ObservationImportResult = z.infer<typeof observationImportResultSchema>;
