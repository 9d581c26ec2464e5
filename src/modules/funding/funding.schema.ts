import { z } from "zod";
import { countryCodeSchema, csvListSchema, uuidSchema } from "../../contracts/common.ts";
import { rollupDimensionSchema } from "../../contracts/enums.ts";

export const fundingSummaryQuerySchema = z.object({
  by: csvListSchema(rollupDimensionSchema)
    .default([])
    .meta({ description: "Dimensions to group by, e.g. component,year; none gives the total" }),
  component: csvListSchema(uuidSchema).optional(),
  country: csvListSchema(countryCodeSchema).optional(),
  partner: csvListSchema(uuidSchema).optional(),
  year: csvListSchema(z.coerce.number().int().min(1900).max(2200)).optional(),
  initiative: csvListSchema(uuidSchema).optional(),
});
export type FundingSummaryQuery = z.infer<typeof fundingSummaryQuerySchema>;

const bilingualName = z.object({ es: z.string(), en: z.string() });

/** USD decimal strings such as "1500000.00" (the currency is the summary's `currency`). */
const usd = z.string().meta({ example: "1500000.00" });

export const fundingMeasuresSchema = z.object({
  budget: usd.nullable().meta({ description: "null when grouped or filtered by partner or year" }),
  offered: usd,
  announced: usd.meta({ description: "Pledged, kept apart from committed" }),
  committed: usd,
  disbursed: usd,
  announced_not_committed: usd.meta({ description: "max(announced − committed, 0)" }),
  coverage_pct: z
    .string()
    .nullable()
    .meta({ description: "committed ÷ budget × 100, two decimals", example: "40.00" }),
  gap: usd.nullable().meta({ description: "max(budget − committed, 0)" }),
});
export type FundingMeasures = z.infer<typeof fundingMeasuresSchema>;

/** The values of the grouped dimensions, with codes and names in both languages. */
const keySchema = z.object({
  component: z
    .object({ id: uuidSchema, code: z.string(), name: bilingualName })
    .nullable()
    .optional(),
  country: z.string().nullable().optional().meta({ example: "GT" }),
  partner: z
    .object({ id: uuidSchema, code: z.string(), name: bilingualName })
    .nullable()
    .optional(),
  year: z.number().int().nullable().optional().meta({ example: 2012 }),
  initiative: z
    .object({
      id: uuidSchema,
      code: z.string(),
      title: z.object({ es: z.string().nullable(), en: z.string().nullable() }),
    })
    .nullable()
    .optional(),
});

export type FundingKey = z.infer<typeof keySchema>;

export const fundingRowSchema = fundingMeasuresSchema.extend({ key: keySchema });
export type FundingRow = z.infer<typeof fundingRowSchema>;

export const fundingSummarySchema = z
  .object({
    by: z.array(rollupDimensionSchema),
    currency: z.literal("USD"),
    rows: z.array(fundingRowSchema),
    total: fundingMeasuresSchema,
  })
  .meta({ id: "FundingSummary" });
export type FundingSummary = z.infer<typeof fundingSummarySchema>;
