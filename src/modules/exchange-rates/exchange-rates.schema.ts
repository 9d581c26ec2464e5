import { z } from "zod";
import {
  csvListSchema,
  isoDateSchema,
  listOf,
  paginationQuerySchema,
  timestampSchema,
} from "../../contracts/common.ts";
import { currencyCodeSchema } from "../../contracts/money.ts";

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
