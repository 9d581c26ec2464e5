import { z } from "zod/mini";
import { listOf, names, timestamp, uuid } from "./shapes.ts";

/** What is measured (the homicide rate) and its unit. */
export const indicatorSchema = z
  .object({
    id: uuid,
    code: z.string(),
    name: names,
    unit: z.string(),
    version: z.int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .check(z.meta({ id: "Indicator" }));
export type Indicator = z.infer<typeof indicatorSchema>;

/** One value of an indicator for a country and year, as an exact decimal string. */
export const observationSchema = z
  .object({
    id: uuid,
    indicator: z.object({ id: uuid, code: z.string() }),
    country: z.string(),
    year: z.int(),
    value: z.string(),
    source: z.string(),
    version: z.int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .check(z.meta({ id: "IndicatorObservation" }));
export type Observation = z.infer<typeof observationSchema>;

export const indicatorListSchema = listOf(indicatorSchema);
export const observationListSchema = listOf(observationSchema);
