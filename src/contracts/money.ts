import { z } from "zod";
import {
  formatMinorUnits,
  isCurrencyCode,
  MAX_AMOUNT_USD,
  MAX_AMOUNT_USD_MINOR,
  toMinorUnits,
} from "./minor-units.ts";
import type { MoneyOutput } from "./shapes.ts";

// The arithmetic lives apart, without zod, so that the IATI staging worker loads only it.
export * from "./minor-units.ts";

export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code such as USD")
  .refine(isCurrencyCode, {
    message: "is not an ISO 4217 currency code",
    params: { rule: "currency_code" },
  })
  .meta({ description: "ISO 4217 currency code", example: "USD" });

/** The bound on one amount as the API description and the refusals word it. */
export const AMOUNT_BOUND_TEXT = `USD ${MAX_AMOUNT_USD} (one hundred billion dollars, more than any one aid flow)`;

/** A decimal amount as the API carries it: a string, never a JSON number. */
export const decimalAmountSchema = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,12})?$/, 'must be a non-negative decimal string such as "1500000.00"')
  .meta({
    description: `A decimal string: at most 15 digits before the point, no more decimals than the currency has, and worth at most ${AMOUNT_BOUND_TEXT} at the rate of its value date.`,
    example: "1500000.00",
  });

/**
 * `{ amount, currency }` at the API boundary, checked against the currency's decimals; an
 * amount in USD is checked against the bound here, one in another currency when it is valued.
 */
export const moneyInputSchema = z
  .object({ amount: decimalAmountSchema, currency: currencyCodeSchema })
  .superRefine((value, ctx) => {
    // An unknown currency is the currency's own refusal; the amount cannot be read without it.
    if (!isCurrencyCode(value.currency)) return;
    let minor: bigint;
    try {
      minor = toMinorUnits(value.amount, value.currency);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message: (error as Error).message,
        params: { rule: "decimal_amount", currency: value.currency },
      });
      return;
    }
    if (value.currency === "USD" && minor > MAX_AMOUNT_USD_MINOR) {
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message: `must be at most ${AMOUNT_BOUND_TEXT}`,
        params: { rule: "amount_too_large", maximum: MAX_AMOUNT_USD, currency: "USD" },
      });
    }
  });
export type MoneyInput = z.infer<typeof moneyInputSchema>;

// An amount in an answer is a response shape, shared with the web (shapes.ts).
export { type MoneyOutput, moneySchema } from "./shapes.ts";

export const moneyOut = (amountMinor: bigint, currency: string): MoneyOutput => ({
  amount: formatMinorUnits(amountMinor, currency),
  currency,
});
