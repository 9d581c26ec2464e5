import { z } from "zod";
import {
  csvListSchema,
  isoDateSchema,
  listOf,
  paginationQuerySchema,
  timestampSchema,
} from "../../contracts/common.ts";
import { rateBases } from "../../contracts/enums.ts";
import {
  currencyCodeSchema,
  decimalAmountSchema,
  moneySchema,
  toMinorUnits,
} from "../../contracts/money.ts";

export { rateBases };
export const rateBasisSchema = z.enum(rateBases).meta({
  description:
    "daily: the rate of its date; monthly_average: the mean of the month starting on its date; annual_average: the mean of the year starting on its date; peg: a fixed parity",
});
export type RateBasis = z.infer<typeof rateBasisSchema>;

/** USD per one unit of the currency, as an exact decimal string: EUR "1.4385", JPY "0.0125". */
export const usdPerUnitSchema = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,12})?$/, 'must be a positive decimal such as "1.4385"')
  .refine((v) => /[1-9]/.test(v), "must be greater than zero");

export const exchangeRateInputSchema = z
  .object({
    currency: currencyCodeSchema.refine(
      (c) => c !== "USD",
      "USD needs no rate: amounts in USD are used as they are",
    ),
    date: isoDateSchema,
    usd_per_unit: usdPerUnitSchema,
    basis: rateBasisSchema.default("daily"),
    source: z.string().trim().min(1, "is required: say where the rate comes from").max(500),
  })
  .strict();
export type ExchangeRateInput = z.infer<typeof exchangeRateInputSchema>;

export const putExchangeRateBodySchema = exchangeRateInputSchema.omit({
  currency: true,
  date: true,
});

export const exchangeRateSchema = z
  .object({
    currency: z.string(),
    date: z.string(),
    usd_per_unit: z.string(),
    basis: rateBasisSchema,
    source: z.string(),
    updated_at: timestampSchema,
  })
  .meta({ id: "ExchangeRate" });
export type ExchangeRate = z.infer<typeof exchangeRateSchema>;

export const listExchangeRatesQuerySchema = paginationQuerySchema.extend({
  currency: csvListSchema(currencyCodeSchema).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type ListExchangeRatesQuery = z.infer<typeof listExchangeRatesQuerySchema>;

export const exchangeRateListSchema = listOf(exchangeRateSchema);
export const exchangeRateParams = z.object({ currency: currencyCodeSchema, date: isoDateSchema });
export const importResultSchema = z.object({
  imported: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
});

export const conversionQuerySchema = z
  .object({
    amount: decimalAmountSchema,
    currency: currencyCodeSchema,
    date: isoDateSchema.meta({ description: "The value date of the amount" }),
  })
  .superRefine((value, ctx) => {
    try {
      toMinorUnits(value.amount, value.currency);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: (error as Error).message });
    }
  });
export type ConversionQuery = z.infer<typeof conversionQuerySchema>;

/** An amount valued in USD on its date, with the rate that was used (null for USD itself). */
export const conversionSchema = z
  .object({
    amount: moneySchema,
    value_date: z.string(),
    usd: moneySchema,
    rate: exchangeRateSchema.omit({ updated_at: true }).nullable(),
  })
  .meta({ id: "UsdConversion" });
export type Conversion = z.infer<typeof conversionSchema>;
