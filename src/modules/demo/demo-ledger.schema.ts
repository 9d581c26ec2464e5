import { z } from "zod";
import { isoDateSchema } from "../../contracts/common.ts";
import { financeTypeSchema, memberStateSchema } from "../../contracts/enums.ts";
import { currencyCodeSchema, decimalAmountSchema } from "../../contracts/money.ts";
import { rateBasisSchema } from "../exchange-rates/index.ts";
import { flowFieldSchema } from "../funding/index.ts";
import { bilingual, orgCode, source, text } from "./demo.schema.ts";

/**
 * The shapes of the demo dataset's ledger and figures: support flows (pledges, commitments,
 * disbursements, reversals), exchange rates and indicator observations. `key` names a flow
 * inside the dataset so that others can point at it (a commitment's pledge, a reversal).
 */
const flowKey = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "must be a lowercase key");

export const demoEntrySchema = z
  .object({
    key: flowKey,
    type: z.enum(["offer", "pledge", "commitment", "disbursement"]),
    support_kind: z.enum(["financial", "technical"]).default("financial"),
    partner: orgCode,
    initiative: z.string().optional(),
    component: z.string().optional(),
    amount: decimalAmountSchema.optional(),
    currency: currencyCodeSchema.optional(),
    value_date: isoDateSchema,
    finance_type: financeTypeSchema.optional(),
    description: text(5000).optional(),
    pledge: flowKey.optional(),
    commitment: flowKey.optional(),
    conference: z.boolean().optional(),
    /** The key of the conference session it was announced at (conference-2011-record.json). */
    session: z.string().optional(),
    illustrative: z.boolean(),
    illustrative_fields: z.array(flowFieldSchema).min(1).optional(),
    source: text(500).optional(),
    note: text(2000).optional(),
  })
  .strict()
  .refine((f) => f.illustrative || f.source !== undefined, {
    message: "names its published source, or is marked illustrative",
    path: ["source"],
  })
  .refine((f) => !f.session || f.conference === true, {
    message: "a pledge announced at a session is announced at the conference",
    path: ["conference"],
  })
  .refine((f) => !(f.illustrative && f.illustrative_fields), {
    message: "an entry invented as a whole lists no invented fields",
    path: ["illustrative_fields"],
  })
  .refine((f) => (f.amount === undefined) === (f.currency === undefined), {
    message: "amount and currency go together",
    path: ["currency"],
  })
  .refine((f) => f.support_kind === "technical" || f.amount !== undefined, {
    message: "financial support has an amount",
    path: ["amount"],
  })
  .refine((f) => f.support_kind === "financial" || f.description !== undefined, {
    message: "technical support has a description",
    path: ["description"],
  })
  .refine((f) => f.support_kind === "technical" || f.finance_type !== undefined, {
    message: "financial support says whether it is a grant, a loan… (IATI FinanceType)",
    path: ["finance_type"],
  })
  .refine((f) => f.initiative === undefined || f.component === undefined, {
    message:
      "give an initiative, or for support to no initiative a component, or neither for a region-wide announcement no partner allocated",
    path: ["component"],
  });
export type DemoEntry = z.infer<typeof demoEntrySchema>;

export const demoReversalSchema = z
  .object({ key: flowKey, type: z.literal("reversal"), reverses: flowKey, reason: text(2000) })
  .strict();
export type DemoReversal = z.infer<typeof demoReversalSchema>;

export const demoFlowSchema = z.discriminatedUnion("type", [demoReversalSchema, demoEntrySchema]);
export type DemoFlow = z.infer<typeof demoFlowSchema>;

export const flowsFileSchema = z.object({ source, flows: z.array(demoFlowSchema).min(1) }).strict();

export const exchangeRateRowSchema = z
  .object({
    currency: currencyCodeSchema,
    date: isoDateSchema,
    usd_per_unit: z.string().regex(/^\d{1,12}(\.\d{1,12})?$/),
    basis: rateBasisSchema,
    source: text(500),
  })
  .strict();
export type DemoExchangeRate = z.infer<typeof exchangeRateRowSchema>;

export const observationRowSchema = z
  .object({
    country: memberStateSchema,
    year: z.coerce.number().int().min(1900).max(2200),
    value: z.string().regex(/^-?\d{1,14}(\.\d{1,10})?$/),
    source: text(1000),
    notes: z
      .string()
      .trim()
      .max(2000)
      .transform((v) => v || null),
  })
  .strict();
export type DemoObservation = z.infer<typeof observationRowSchema>;

export const indicatorsFileSchema = z
  .object({
    indicators: z.array(
      z
        .object({
          code: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/),
          name: bilingual(300),
          unit: text(200),
          direction: z.enum(["lower_is_better", "higher_is_better"]),
          source: text(1000),
          sdg_indicator: z.string().regex(/^[0-9]{1,2}\.[0-9a-z]{1,2}\.[0-9]{1,2}$/),
          observations_files: z.array(z.string().regex(/^[a-z0-9-]+\.csv$/)).min(1),
        })
        .strict(),
    ),
  })
  .strict();
