import { z } from "zod/mini";
import { indicatorDirections, resultsLevels } from "./indicators.ts";
import { names, timestamp, uuid } from "./shapes.ts";

const measurement = z.object({ value: z.string(), year: z.int() });

/** How far an actual has come from the baseline to its target (see progress-to-target.ts). */
export const progressStatuses = [
  "not_reported",
  "met",
  "progressing",
  "worsened",
  "not_met",
] as const;
export type ProgressStatus = (typeof progressStatuses)[number];

export const progressSchema = z
  .object({
    status: z.enum(progressStatuses),
    percent: z.nullable(z.string()).check(
      z.meta({
        description:
          "(actual − baseline) ÷ (target − baseline) × 100, one decimal; null without a baseline, or where the baseline already met the target",
      }),
    ),
    baseline_met_target: z.boolean(),
    actual: z.nullable(measurement),
    target: z.nullable(measurement),
  })
  .check(z.meta({ id: "ResultsProgress" }));
export type Progress = z.infer<typeof progressSchema>;

/** A value the focal point reported for a year, with its evidence; who reported it by role only. */
export const resultsActualSchema = z
  .object({
    id: uuid,
    year: z.int(),
    value: z.string(),
    evidence: z.string(),
    evidence_url: z.nullable(z.string()),
    notes: z.nullable(z.string()),
    reported_by: z.nullable(
      z.object({ organization: z.nullable(z.string()), role: z.nullable(z.string()) }),
    ),
    illustrative: z.boolean(),
    progress: progressSchema,
    version: z.int(),
    reported_at: timestamp,
  })
  .check(z.meta({ id: "ResultsActual" }));
export type ResultsActual = z.infer<typeof resultsActualSchema>;

/** One indicator of an initiative's own results framework. */
export const resultsIndicatorSchema = z
  .object({
    id: uuid,
    initiative: z.object({ id: uuid, code: z.string() }),
    code: z.string(),
    level: z.enum(resultsLevels),
    name: names,
    unit: z.string(),
    direction: z.enum(indicatorDirections),
    baseline: z.nullable(measurement),
    targets: z.array(measurement),
    actuals: z.array(resultsActualSchema),
    /** The latest actual against the final target (one schema id: a described copy would clash). */
    progress: progressSchema,
    national_indicator: z.nullable(z.object({ id: uuid, code: z.string(), name: names })),
    illustrative: z.boolean(),
    version: z.int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .check(z.meta({ id: "ResultsIndicator" }));
export type ResultsIndicator = z.infer<typeof resultsIndicatorSchema>;

export const resultsFrameworkSchema = z
  .object({ data: z.array(resultsIndicatorSchema) })
  .check(z.meta({ id: "ResultsFramework" }));
export type ResultsFramework = z.infer<typeof resultsFrameworkSchema>;
