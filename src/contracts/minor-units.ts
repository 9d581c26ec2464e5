import { currencyMinorUnits } from "./iso-4217.ts";

/**
 * Money in ESCA Hub: an integer number of minor units (bigint) and an ISO 4217 code. A
 * decimal string such as "1500000.50" is turned into minor units once, at the boundary,
 * knowing how many decimals the currency has (EUR 2, JPY 0, KWD 3). Floats never hold money.
 */
export interface Money {
  amountMinor: bigint;
  currency: string;
}

/** Decimals of an ISO 4217 currency a partner can pledge: EUR 2, JPY 0, KWD 3, CLF 4; XAU none.
 *  The code is looked up in capitals, as ISO writes it ("eur" is EUR's). */
export const currencyDigits = (currency: string): number | undefined =>
  currencyMinorUnits.get(currency.toUpperCase());

export const isCurrencyCode = (code: string): boolean => currencyDigits(code) !== undefined;

const DECIMAL = /^(-?)(\d{1,15})(?:\.(\d{1,12}))?$/;

/**
 * The most one amount may be worth: USD 100,000,000,000.00 (one hundred billion), in US
 * cents. No aid flow or initiative budget comes near it (all the world's official development
 * assistance in a year is about USD 200 billion), and it keeps every USD value far inside
 * PostgreSQL's bigint. Sums never depend on it: the roll-up adds in numeric.
 */
export const MAX_AMOUNT_USD_MINOR = 10_000_000_000_000n;
export const MAX_AMOUNT_USD = "100000000000.00";

/**
 * The most minor units an amount may have in its own currency: 18 digits, what PostgreSQL's
 * bigint holds. Only 15 whole digits in a currency with 4 decimals (CLF) go past it.
 */
export const MAX_AMOUNT_MINOR = 10n ** 18n - 1n;

export class MoneyError extends Error {
  override name = "MoneyError";
}

/** Whether an amount in US cents is within MAX_AMOUNT_USD_MINOR either way (reversals negate). */
export const isWithinAmountBound = (usdMinor: bigint): boolean =>
  usdMinor <= MAX_AMOUNT_USD_MINOR && usdMinor >= -MAX_AMOUNT_USD_MINOR;

/** "1234.5" EUR → 123450n. More decimals than the currency has is an error, never rounded. */
export function toMinorUnits(amount: string, currency: string): bigint {
  const digits = currencyDigits(currency);
  if (digits === undefined) throw new MoneyError(`${currency} is not an ISO 4217 currency code`);
  const match = DECIMAL.exec(amount);
  if (!match) throw new MoneyError(`"${amount}" is not a decimal amount such as 1500000.00`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  if (fraction.replace(/0+$/, "").length > digits) {
    throw new MoneyError(`${amount} has more decimals than ${currency} allows (${digits})`);
  }
  const minor =
    BigInt(whole) * 10n ** BigInt(digits) +
    BigInt((fraction.padEnd(digits, "0") || "0").slice(0, digits));
  if (minor > MAX_AMOUNT_MINOR) {
    throw new MoneyError(`${amount} ${currency} has more digits than can be recorded (18 in all)`);
  }
  return sign === "-" ? -minor : minor;
}

/**
 * A figure the platform formatted itself back into minor units, at any size: "1234.50" USD →
 * 123450n. Totals are sums of bounded amounts, not bounded themselves, so unlike toMinorUnits
 * this takes any number of digits; it still refuses more decimals than the currency has.
 */
export function figureToMinorUnits(figure: string, currency: string): bigint {
  const digits = currencyDigits(currency) ?? 2;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(figure);
  if (!match || (match[3] ?? "").length > digits) {
    throw new MoneyError(`"${figure}" is not an amount in ${currency}`);
  }
  const [, sign = "", whole = "0", fraction = ""] = match;
  const minor = BigInt(whole + fraction.padEnd(digits, "0"));
  return sign === "-" ? -minor : minor;
}

/** 123450n EUR → "1234.50"; -5n USD → "-0.05". */
export function formatMinorUnits(amountMinor: bigint, currency: string): string {
  const digits = currencyDigits(currency) ?? 2;
  const negative = amountMinor < 0n;
  const abs = negative ? -amountMinor : amountMinor;
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString();
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, "0")}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** Exact decimal string → (integer, power of ten): "1.4385" → [14385n, 4]. */
export function parseDecimal(value: string): { units: bigint; scale: number } {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new MoneyError(`"${value}" is not a decimal number`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  const units = BigInt(whole + fraction);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

/** Integer division rounding half away from zero: 5/2 → 3, -5/2 → -3. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new MoneyError("division by zero");
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/**
 * Converts minor units of a currency to US cents with a rate in USD per unit.
 *
 * Worked example: 1,234.56 EUR at 1.4385 USD/EUR.
 *   amountMinor = 123456 (EUR has 2 decimals), rate = 14385 × 10⁻⁴
 *   cents = 123456 × 14385 × 10^(2−2) / 10⁴ = 177591.456 → 177591 cents = 1,775.91 USD
 * Worked example: 1,000,000 JPY at 0.0124 USD/JPY (JPY has 0 decimals).
 *   cents = 1000000 × 124 × 10^(2−0) / 10⁴ = 1240000 cents = 12,400.00 USD
 */
export function convertToUsdMinor(
  amountMinor: bigint,
  currency: string,
  usdPerUnit: string,
): bigint {
  if (currency === "USD") return amountMinor;
  const digits = currencyDigits(currency);
  if (digits === undefined) throw new MoneyError(`${currency} is not an ISO 4217 currency code`);
  const rate = parseDecimal(usdPerUnit);
  if (rate.units <= 0n) throw new MoneyError(`exchange rate ${usdPerUnit} must be positive`);
  const numerator = amountMinor * rate.units * 10n ** 2n;
  const denominator = 10n ** BigInt(rate.scale + digits);
  return divideRounded(numerator, denominator);
}

/** Adds amounts of one currency; two currencies without a rate is an error. */
export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) {
    throw new MoneyError(`cannot add ${a.currency} and ${b.currency} without an exchange rate`);
  }
  return { amountMinor: a.amountMinor + b.amountMinor, currency: a.currency };
}

/** Percentage with two decimals, as a string: part 1, whole 3 → "33.33"; whole 0 → null. */
export function percentage(part: bigint, whole: bigint): string | null {
  if (whole === 0n) return null;
  const hundredths = divideRounded(part * 10_000n, whole);
  return formatMinorUnits(hundredths, "USD");
}

/**
 * A percentage ("30.00", at most 2 decimals) of an amount in minor units, rounded half away
 * from zero to the minor unit: 30.00 % of 1,000.01 USD = 100001 × 3000 / 10⁴ = 30000.3 → 300.00.
 */
export function shareOfMinorUnits(amountMinor: bigint, percentage: string): bigint {
  const { units, scale } = parseDecimal(percentage);
  if (scale > 2) throw new MoneyError(`"${percentage}" has more than 2 decimals`);
  return divideRounded(amountMinor * units * 10n ** BigInt(2 - scale), 10_000n);
}
