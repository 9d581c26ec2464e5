import { z } from "zod";
import { csvListSchema, isoDateSchema, paginationQuerySchema } from "../../contracts/common.ts";
import { rateBases, rateBasisMeta } from "../../contracts/enums.ts";
import { currencyCodeSchema, decimalAmountSchema, toMinorUnits } from "../../contracts/money.ts";

export {
  type BlockedByRate,
  blockedByRateSchema,
  type Conversion,
  conversionSchema,
  type ExchangeRate,
  exchangeRateListSchema,
  exchangeRateSchema,
  importResultSchema,
  type RateCsvProblem,
  type RatesPreview,
  ratesPreviewSchema,
} from "../../contracts/exchange-rates.ts";

/** What a rate is: its day's, a month's or a year's average, or a peg (contracts/enums.ts). */
export { rateBases };
export const rateBasisSchema = z.enum(rateBases).meta(rateBasisMeta);
export type RateBasis = z.infer<typeof rateBasisSchema>;

/** USD per one unit of the currency, as an exact decimal string: EUR "1.4385", JPY "0.0125". */
export const usdPerUnitSchema = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,12})?$/, 'must be a positive decimal such as "1.4385"')
  .refine((v) => /[1-9]/.test(v), {
    message: "must be greater than zero",
    params: { rule: "positive_amount" },
  });

export const exchangeRateInputSchema = z
  .object({
    currency: currencyCodeSchema.refine((c) => c !== "USD", {
      message: "USD needs no rate: amounts in USD are used as they are",
      params: { rule: "usd_needs_no_rate" },
    }),
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

export const listExchangeRatesQuerySchema = paginationQuerySchema.extend({
  currency: csvListSchema(currencyCodeSchema).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type ListExchangeRatesQuery = z.infer<typeof listExchangeRatesQuerySchema>;

export const exchangeRateParams = z.object({ currency: currencyCodeSchema, date: isoDateSchema });

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
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message: (error as Error).message,
        params: { rule: "decimal_amount", currency: value.currency },
      });
    }
  });
export type ConversionQuery = z.infer<typeof conversionQuerySchema>;
