import { z } from "zod";
import { countryCodeSchema, csvListSchema, uuidSchema } from "../../contracts/common.ts";
import { financeTypeSchema, rollupDimensionSchema } from "../../contracts/enums.ts";

export const fundingSummaryQuerySchema = z.object({
  by: csvListSchema(rollupDimensionSchema)
    .default([])
    .meta({ description: "Dimensions to group by, e.g. component,year; none gives the total" }),
  component: csvListSchema(uuidSchema).optional(),
  country: csvListSchema(countryCodeSchema).optional(),
  partner: csvListSchema(uuidSchema).optional(),
  year: csvListSchema(z.coerce.number().int().min(1900).max(2200)).optional(),
  initiative: csvListSchema(uuidSchema).optional(),
  finance_type: csvListSchema(financeTypeSchema)
    .optional()
    .meta({ description: "IATI FinanceType codes, e.g. 110 (grants) or 410,421 (loans)" }),
  conference: csvListSchema(uuidSchema).optional().meta({
    description:
      "Conference ids: the pledges announced there, the commitments against those pledges and the disbursements against those commitments (budgets are no conference's)",
  }),
});
export type FundingSummaryQuery = z.infer<typeof fundingSummaryQuerySchema>;

const bilingualName = z.object({ es: z.string(), en: z.string() });

/** USD decimal strings such as "1500000.00" (the currency is the summary's `currency`). */
const usd = z.string().meta({ example: "1500000.00" });

/** Each measure's definition is docs/MEASURES.md's, in the words the portal's tooltips use. */
export const fundingMeasuresSchema = z.object({
  budget: usd.nullable().meta({
    description:
      "Sum of the USD budgets of the initiatives still in play (not rejected or cancelled); null when grouped or filtered by partner or year, and on remainder rows",
  }),
  offered: usd,
  announced: usd.meta({ description: "Pledged, kept apart from committed" }),
  committed: usd.meta({
    description: "Everything committed, to initiatives or not yet allocated to one",
  }),
  committed_not_allocated: usd.meta({
    description:
      "Committed, not yet allocated: the part of `committed` given to no initiative; it fills no initiative's gap and covers no budget",
  }),
  disbursed: usd,
  announced_not_committed: usd.nullable().meta({
    description:
      "Announced, not yet committed: per partner max(announced − committed, 0), then summed; null when grouped or filtered by year",
  }),
  coverage_pct: z.string().nullable().meta({
    description:
      "(committed − committed_not_allocated) ÷ budget × 100, two decimals; null without a budget",
    example: "40.00",
  }),
  gap: usd.nullable().meta({
    description:
      "Sum over initiatives of max(budget − committed to the initiative, 0); null without a budget",
  }),
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
  finance_type: financeTypeSchema
    .nullable()
    .optional()
    .meta({ description: "IATI FinanceType code; null where the entries do not state one" }),
});

export type FundingKey = z.infer<typeof keySchema>;

/** A row that is not a group of the dimension but what no initiative received. */
export const fundingRemainderSchema = z
  .enum(["not_allocated_to_initiative", "not_allocated_to_component"])
  .nullable()
  .meta({
    description:
      "null for a group; not_allocated_to_initiative for the remainder row holding support given to no initiative (grouped by component, country or initiative); grouped by component, not_allocated_to_component for support announced to no component at all (region-wide), so that the total is the sum of all rows",
  });
export type FundingRemainder = z.infer<typeof fundingRemainderSchema>;

export const fundingRowSchema = fundingMeasuresSchema.extend({
  key: keySchema,
  remainder: fundingRemainderSchema,
});
export type FundingRow = z.infer<typeof fundingRowSchema>;

export const fundingSummarySchema = z
  .object({
    by: z.array(rollupDimensionSchema),
    currency: z.literal("USD"),
    rows: z.array(fundingRowSchema).meta({
      description: "The groups, then the remainder rows; every total is the sum of all of them",
    }),
    total: fundingMeasuresSchema,
  })
  .meta({ id: "FundingSummary" });
export type FundingSummary = z.infer<typeof fundingSummarySchema>;
