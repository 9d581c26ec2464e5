import { z } from "zod";
import { isoDateSchema, uuidSchema, versionInputSchema } from "../../contracts/common.ts";
import { initiativeStatusSchema, memberStateSchema } from "../../contracts/enums.ts";
import { moneyInputSchema } from "../../contracts/money.ts";
import { indicatorValueSchema, yearSchema } from "../indicators/index.ts";
import { initiativeFieldSchema, initiativeFields } from "./initiatives.schema.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const reference = (example: string) =>
  z.string().trim().min(1).max(64).meta({ description: "An id or a code", example });

const titleSchema = z
  .object({ es: text(500).nullable().optional(), en: text(500).nullable().optional() })
  .strict();
const summarySchema = z
  .object({ es: text(10_000).nullable().optional(), en: text(10_000).nullable().optional() })
  .strict();

/** "60.00" → 6000 hundredths, so percentages add up exactly. */
const hundredths = (percentage: string) => {
  const [whole = "0", fraction = ""] = percentage.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
};

export const sectorInputSchema = z
  .object({
    code: z.string().regex(/^\d{5}$/, "must be a five-digit OECD-DAC purpose code such as 15210"),
    percentage: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage string such as "60.00"')
      .refine((p) => hundredths(p) > 0 && hundredths(p) <= 10_000, {
        message: "must be above 0 and at most 100",
        params: { rule: "percentage_range" },
      }),
  })
  .strict();

/** When sectors are given, their shares describe the whole budget: they add up to 100. */
const sectorsSchema = z
  .array(sectorInputSchema)
  .max(50)
  .superRefine((sectors, ctx) => {
    const codes = sectors.map((sector) => sector.code);
    const repeated = codes.find((code, index) => codes.indexOf(code) !== index);
    if (repeated)
      ctx.addIssue({
        code: "custom",
        message: `lists sector ${repeated} twice`,
        params: { rule: "sector_repeated", sector: repeated },
      });
    const total = sectors.reduce((sum, sector) => sum + hundredths(sector.percentage), 0);
    if (sectors.length > 0 && total !== 10_000) {
      const shown = `${Math.floor(total / 100)}.${String(total % 100).padStart(2, "0")}`;
      ctx.addIssue({
        code: "custom",
        message: `percentages add up to ${shown}, not 100`,
        params: { rule: "sectors_sum", total: shown },
      });
    }
  });

const percentageSchema = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage string such as "30.00"')
  .refine((p) => hundredths(p) > 0 && hundredths(p) <= 10_000, {
    message: "must be above 0 and at most 100",
    params: { rule: "percentage_range" },
  });

/**
 * Each participating country's share of the budget (IATI's recipient-country percentage);
 * a country left out has none ("regional"). Shares describe parts of one budget: at most 100.
 */
const countrySharesSchema = z
  .array(z.object({ country: memberStateSchema, percentage: percentageSchema }).strict())
  .max(9)
  .superRefine((shares, ctx) => {
    const countries = shares.map((share) => share.country);
    const repeated = countries.find((country, index) => countries.indexOf(country) !== index);
    if (repeated)
      ctx.addIssue({
        code: "custom",
        message: `lists country ${repeated} twice`,
        params: { rule: "share_repeated", country: repeated },
      });
    const total = shares.reduce((sum, share) => sum + hundredths(share.percentage), 0);
    if (total > 10_000) {
      const shown = `${Math.floor(total / 100)}.${String(total % 100).padStart(2, "0")}`;
      ctx.addIssue({
        code: "custom",
        message: `shares add up to ${shown}, more than 100`,
        params: { rule: "shares_sum", total: shown },
      });
    }
  });

const measurementSchema = z.object({ value: indicatorValueSchema, year: yearSchema }).strict();

export const targetInputSchema = z
  .object({
    indicator: reference("homicide_rate"),
    baseline: measurementSchema.nullable().optional(),
    target: measurementSchema,
  })
  .strict()
  .refine((t) => !t.baseline || t.baseline.year <= t.target.year, {
    path: ["target", "year"],
    message: "must not be before the baseline year",
    params: { rule: "target_before_baseline" },
  });
export type TargetInput = z.infer<typeof targetInputSchema>;

const endNotBeforeStart = (value: {
  start_date?: string | null | undefined;
  end_date?: string | null | undefined;
}) => !value.start_date || !value.end_date || value.end_date >= value.start_date;
const endDateRule = {
  path: ["end_date"],
  message: "must not be before start_date",
  params: { rule: "end_before_start" },
};

const fields = {
  summary: summarySchema.optional(),
  line_of_action: reference("BA").nullable().optional(),
  countries: z
    .array(memberStateSchema)
    .max(8)
    .optional()
    .meta({ description: "Participating member states; the lead country is always included" }),
  country_shares: countrySharesSchema.optional().meta({
    description: "Shares of the budget by participating country; a country left out is regional",
  }),
  executing_agency_id: uuidSchema.nullable().optional(),
  sectors: sectorsSchema.optional(),
  budget_value_date: isoDateSchema
    .optional()
    .meta({ description: "Date whose exchange rate values the budget in USD" }),
  start_date: isoDateSchema.nullable().optional(),
  end_date: isoDateSchema.nullable().optional(),
  targets: z.array(targetInputSchema).max(100).optional(),
  illustrative: z.boolean().optional(),
  illustrative_fields: z
    .array(initiativeFieldSchema)
    .max(initiativeFields.length)
    .optional()
    .meta({ description: "The fields made up in an otherwise sourced record" }),
  source: text(1000).nullable().optional(),
};

export const createInitiativeSchema = z
  .object({
    code: z
      .string()
      .regex(
        /^[A-Z0-9][A-Z0-9.-]{0,31}$/,
        "must be 1–32 capital letters, digits, dots or dashes, e.g. BA1",
      ),
    title: titleSchema.refine((t) => Boolean(t.es || t.en), {
      message: "needs a text in at least one language: Spanish or English",
      params: { rule: "one_language" },
    }),
    component: reference("B"),
    lead_country: memberStateSchema,
    budget: moneyInputSchema,
    ...fields,
  })
  .strict()
  .refine(endNotBeforeStart, endDateRule)
  .meta({ description: "budget_value_date defaults to start_date, else today" });
export type CreateInitiativeInput = z.infer<typeof createInitiativeSchema>;

/** Every field but the code and the status, which moves only through transitions. */
export const updateInitiativeSchema = z
  .object({
    version: versionInputSchema.optional(),
    title: titleSchema.optional(),
    component: reference("B").optional(),
    lead_country: memberStateSchema.optional(),
    budget: moneyInputSchema.optional(),
    status: z
      .never({ error: "changes only through POST /api/initiatives/{id}/transitions" })
      .optional()
      .meta({ description: "Not settable here: POST /api/initiatives/{id}/transitions" }),
    ...fields,
  })
  .strict()
  .refine(endNotBeforeStart, endDateRule);
export type UpdateInitiativeInput = z.infer<typeof updateInitiativeSchema>;

export const transitionInputSchema = z
  .object({
    to: initiativeStatusSchema,
    reason: text(2000).optional(),
    funding_override_reason: text(2000)
      .optional()
      .meta({ description: "Starts execution without secured funding; recorded with the step" }),
    version: versionInputSchema.optional(),
  })
  .strict();
export type TransitionInput = z.infer<typeof transitionInputSchema>;
