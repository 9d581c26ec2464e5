import { z } from "zod/mini";
import { initiativeStatuses, rateBases, rateBasisMeta } from "./enum-values.ts";
import { isoDate, listOf, moneySchema, timestamp } from "./shapes.ts";

const basis = z.enum(rateBases).check(z.meta(rateBasisMeta));

const rateShape = {
  currency: z.string(),
  date: isoDate.check(z.meta({ description: "The start of the period the rate covers" })),
  usd_per_unit: z.string().check(z.meta({ description: "USD per one unit", example: "1.4385" })),
  basis,
  source: z.string(),
};

/** A stored rate: USD per unit of a currency from its date, what it is and where it is from. */
export const exchangeRateSchema = z
  .object({ ...rateShape, updated_at: timestamp })
  .check(z.meta({ id: "ExchangeRate" }));
export type ExchangeRate = z.infer<typeof exchangeRateSchema>;
export const exchangeRateListSchema = listOf(exchangeRateSchema);

/** What an import wrote: rows added and rows that replaced the rate of their date. */
export const importResultSchema = z.object({
  imported: z.int(),
  created: z.int(),
  updated: z.int(),
});

/** An amount valued in USD on its date, with the rate that was used (null for USD itself). */
export const conversionSchema = z
  .object({
    amount: moneySchema,
    value_date: isoDate,
    usd: moneySchema,
    rate: z.nullable(z.object(rateShape)),
  })
  .check(z.meta({ id: "UsdConversion" }));
export type Conversion = z.infer<typeof conversionSchema>;

/** What applying a rates CSV would do to one of its rows. */
export const rateRowActions = ["add", "replace", "unchanged"] as const;

/**
 * A problem of one CSV row, naming its line and column (null for the whole row or file), with
 * a stable `code` and its `values` for a client's own wording.
 */
export const rateCsvProblemSchema = z.object({
  line: z.int(),
  column: z.nullable(z.string()),
  code: z.string(),
  message: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type RateCsvProblem = z.infer<typeof rateCsvProblemSchema>;

/** A rates CSV read and compared with the stored rates; nothing written. */
export const ratesPreviewSchema = z
  .object({
    rows: z.array(
      z.object({
        line: z.int(),
        ...rateShape,
        action: z.enum(rateRowActions),
        current: z.nullable(z.object({ usd_per_unit: z.string(), basis, source: z.string() })),
      }),
    ),
    counts: z.object({ add: z.int(), replace: z.int(), unchanged: z.int() }),
    problems: z.array(rateCsvProblemSchema),
  })
  .check(z.meta({ id: "ExchangeRatesPreview" }));
export type RatesPreview = z.infer<typeof ratesPreviewSchema>;

/** The kinds of record a missing rate can block. */
export const blockedRecordKinds = [
  "initiative",
  "flow",
  "iati_transaction",
  "iati_budget",
] as const;

/**
 * A record whose currency has no USD rate for its value date under the one rule (the latest
 * rate on or before it, within the window): it cannot be valued (again) until one is added.
 */
export const blockedRecordSchema = z.object({
  kind: z.enum(blockedRecordKinds),
  id: z.string(),
  /** The initiative's code, the flow's type and partner, the IATI activity's identifier. */
  label: z.string(),
  initiative_code: z.nullable(z.string()),
  status: z.nullable(z.enum(initiativeStatuses)),
  currency: z.string(),
  value_date: isoDate,
  line: z.nullable(z.int()),
});
export type BlockedRecord = z.infer<typeof blockedRecordSchema>;

export const blockedByRateSchema = z
  .object({
    data: z.array(blockedRecordSchema),
    /** The (currency, date) pairs missing, with how many records each blocks. */
    missing: z.array(z.object({ currency: z.string(), date: isoDate, records: z.int() })),
    /** How many records are blocked in all; `data` lists the first 500. */
    total: z.int(),
    lookback_days: z.int(),
  })
  .check(z.meta({ id: "BlockedByMissingRate" }));
export type BlockedByRate = z.infer<typeof blockedByRateSchema>;
