import { z } from "zod/mini";
import { names } from "./shapes.ts";

/** The measures a partner's recorded and published figures are compared on. */
export const reconciledMeasures = ["announced", "committed", "disbursed"] as const;

/** Recorded vs published for one partner, initiative, year and measure, in USD. */
export const differenceSchema = z
  .object({
    partner: z.object({ id: z.string(), code: z.string(), name: names }),
    publisher_ref: z.string(),
    initiative: z.nullable(z.object({ id: z.string(), code: z.string() })),
    year: z.nullable(z.int()),
    measure: z.enum(reconciledMeasures),
    recorded_usd: z.string(),
    published_usd: z.string(),
    difference_usd: z.string(),
    /** Published values of this group without a USD rate (left out of published_usd). */
    unvalued: z.int(),
  })
  .check(z.meta({ id: "ReconciliationDifference" }));
export type Difference = z.infer<typeof differenceSchema>;

export const reconciliationSchema = z.object({
  threshold: z.string(),
  data: z.array(differenceSchema),
});
