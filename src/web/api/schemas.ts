import { z } from "zod/mini";
import { rollupDimensions } from "../../contracts/enum-values.ts";
import { optionalNames } from "../../contracts/shapes.ts";

/**
 * The funding roll-up's answer as the web reads it. Every other answer's shape comes from
 * src/contracts/, shared with the server; this one stays here while the roll-up's measures
 * change. zod/mini keeps only what is used (the portal's first load is on a 250 KB budget).
 * Amounts stay decimal strings end to end.
 */
export const namesSchema = optionalNames;
const reference = z.object({ id: z.string(), code: z.string(), name: namesSchema });

export const fundingMeasuresSchema = z.object({
  budget: z.nullable(z.string()),
  offered: z.string(),
  announced: z.string(),
  committed: z.string(),
  committed_not_allocated: z.string(),
  disbursed: z.string(),
  announced_not_committed: z.nullable(z.string()),
  coverage_pct: z.nullable(z.string()),
  gap: z.nullable(z.string()),
});
export type FundingMeasures = z.infer<typeof fundingMeasuresSchema>;

export const fundingRowSchema = z.extend(fundingMeasuresSchema, {
  key: z.object({
    component: z.optional(z.nullable(reference)),
    country: z.optional(z.nullable(z.string())),
    partner: z.optional(z.nullable(reference)),
    year: z.optional(z.nullable(z.number())),
    initiative: z.optional(
      z.nullable(z.object({ id: z.string(), code: z.string(), title: namesSchema })),
    ),
    /** IATI FinanceType code; null where not stated. */
    finance_type: z.optional(z.nullable(z.string())),
  }),
  /**
   * Set on a remainder row: support given to no initiative, or (by component) announced to
   * no component at all (docs/MEASURES.md).
   */
  remainder: z.nullable(z.enum(["not_allocated_to_initiative", "not_allocated_to_component"])),
});
export type FundingRow = z.infer<typeof fundingRowSchema>;

export const fundingSummarySchema = z.object({
  by: z.array(z.enum(rollupDimensions)),
  currency: z.string(),
  rows: z.array(fundingRowSchema),
  total: fundingMeasuresSchema,
});
export type FundingSummary = z.infer<typeof fundingSummarySchema>;
