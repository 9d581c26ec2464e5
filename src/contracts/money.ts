import { z } from "zod";
import { formatMinorUnits, isCurrencyCode, toMinorUnits } from "./minor-units.ts";

// The arithmetic lives apart, without zod, so that the IATI staging worker loads only it.
export * from "./minor-units.ts";

export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code such as USD")
  .refine(isCurrencyCode, "is not an ISO 4217 currency code")
  .meta({ description: "ISO 4217 currency code", example: "USD" });

/** A decimal amount as the API carries it: a string, never a JSON number. */
export const decimalAmountSchema = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,12})?$/, 'must be a non-negative decimal string such as "1500000.00"')
  .meta({ example: "1500000.00" });

/** `{ amount, currency }` at the API boundary, checked against the currency's decimals. */
export const moneyInputSchema = z
  .object({ amount: decimalAmountSchema, currency: currencyCodeSchema })
  .superRefine((value, ctx) => {
    try {
      toMinorUnits(value.amount, value.currency);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: (error as Error).message });
    }
  });
export type MoneyInput = z.infer<typeof moneyInputSchema>;

export const moneySchema = z.object({ amount: z.string(), currency: z.string() });
export type MoneyOutput = z.infer<typeof moneySchema>;

export const moneyOut = (amountMinor: bigint, currency: string): MoneyOutput => ({
  amount: formatMinorUnits(amountMinor, currency),
  currency,
});
