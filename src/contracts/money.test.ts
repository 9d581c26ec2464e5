import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMoney,
  convertToUsdMinor,
  currencyDigits,
  divideRounded,
  formatMinorUnits,
  MoneyError,
  moneyInputSchema,
  parseDecimal,
  percentage,
  toMinorUnits,
} from "./money.ts";

/** Currencies with 0 (JPY), 2 (USD, EUR, GTQ), 3 (KWD) and 4 (CLF) decimals. */
const currency = fc.constantFrom("USD", "EUR", "GTQ", "JPY", "KWD", "CLF");
/** Amounts the API can carry: at most 15 integer digits. */
const minorUnitsOf = (code: string) => {
  const digits = BigInt(currencyDigits(code) ?? 2);
  const limit = 10n ** (15n + digits) - 1n;
  return fc.bigInt({ min: -limit, max: limit });
};
/** A positive rate with up to 8 decimals: (14385, 4) → "1.4385", (5, 3) → "0.005". */
const rate = fc
  .tuple(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 8 }))
  .map(([units, scale]) => {
    const digits = String(units).padStart(scale + 1, "0");
    const whole = digits.slice(0, digits.length - scale);
    return scale ? `${whole}.${digits.slice(digits.length - scale)}` : whole;
  });

describe("money: worked examples of the comments", () => {
  it("turns decimal strings into minor units and back", () => {
    expect(toMinorUnits("1234.5", "EUR")).toBe(123450n);
    expect(toMinorUnits("1500000", "JPY")).toBe(1_500_000n);
    expect(toMinorUnits("1.250", "KWD")).toBe(1250n);
    expect(formatMinorUnits(123450n, "EUR")).toBe("1234.50");
    expect(formatMinorUnits(-5n, "USD")).toBe("-0.05");
    expect(parseDecimal("1.4385")).toEqual({ units: 14385n, scale: 4 });
  });

  it("converts 1,234.56 EUR at 1.4385 to 1,775.91 USD and 1,000,000 JPY at 0.0124 to 12,400.00", () => {
    expect(convertToUsdMinor(123456n, "EUR", "1.4385")).toBe(177591n);
    expect(convertToUsdMinor(1_000_000n, "JPY", "0.0124")).toBe(1_240_000n);
  });

  it("rounds half away from zero and formats percentages with two decimals", () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(percentage(1n, 3n)).toBe("33.33");
    expect(percentage(2n, 3n)).toBe("66.67");
    expect(percentage(400n, 1000n)).toBe("40.00");
    expect(percentage(1n, 0n)).toBeNull();
  });

  it("refuses more decimals than the currency has, unknown codes and a zero divisor", () => {
    expect(() => toMinorUnits("12.345", "USD")).toThrow(MoneyError);
    expect(toMinorUnits("12.340", "USD")).toBe(1234n);
    expect(() => toMinorUnits("1.5", "JPY")).toThrow(/more decimals/);
    expect(() => toMinorUnits("1", "XAU")).toThrow(/ISO 4217/);
    expect(() => toMinorUnits("1e5", "USD")).toThrow(/decimal amount/);
    expect(() => divideRounded(1n, 0n)).toThrow(MoneyError);
    expect(() => convertToUsdMinor(100n, "EUR", "0")).toThrow(/positive/);
  });

  it("validates money at the API boundary against the currency's decimals", () => {
    expect(moneyInputSchema.safeParse({ amount: "10.5", currency: "EUR" }).success).toBe(true);
    const tooPrecise = moneyInputSchema.safeParse({ amount: "10.5", currency: "JPY" });
    expect(tooPrecise.error?.issues[0]?.path).toEqual(["amount"]);
    expect(moneyInputSchema.safeParse({ amount: 10.5, currency: "EUR" }).success).toBe(false);
  });
});

describe("money: properties", () => {
  it("formats and parses minor units without loss, for every number of decimals", () => {
    fc.assert(
      fc.property(
        currency.chain((code) => fc.tuple(fc.constant(code), minorUnitsOf(code))),
        ([code, minor]) => {
          const text = formatMinorUnits(minor, code);
          expect(toMinorUnits(text, code)).toBe(minor);
        },
      ),
    );
  });

  it("adds amounts of one currency exactly and refuses two currencies", () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt(), currency, currency, (a, b, c1, c2) => {
        const sum = addMoney({ amountMinor: a, currency: c1 }, { amountMinor: b, currency: c1 });
        expect(sum).toEqual({ amountMinor: a + b, currency: c1 });
        if (c1 !== c2) {
          expect(() =>
            addMoney({ amountMinor: a, currency: c1 }, { amountMinor: b, currency: c2 }),
          ).toThrow(/without an exchange rate/);
        }
      }),
    );
  });

  it("leaves US dollars unchanged whatever the rate", () => {
    fc.assert(
      fc.property(minorUnitsOf("USD"), rate, (cents, usdPerUnit) => {
        expect(convertToUsdMinor(cents, "USD", usdPerUnit)).toBe(cents);
      }),
    );
  });

  it("converts linearly within one cent of rounding, and symmetrically in sign", () => {
    fc.assert(
      fc.property(
        currency.filter((c) => c !== "USD"),
        fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
        fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
        rate,
        (code, a, b, usdPerUnit) => {
          const convert = (minor: bigint) => convertToUsdMinor(minor, code, usdPerUnit);
          const drift = convert(a + b) - convert(a) - convert(b);
          expect(drift >= -1n && drift <= 1n).toBe(true);
          expect(convert(-a)).toBe(-convert(a));
        },
      ),
    );
  });

  it("divides to the nearest integer, ties away from zero", () => {
    fc.assert(
      fc.property(
        fc.bigInt(),
        fc.bigInt().filter((d) => d !== 0n),
        (n, d) => {
          const q = divideRounded(n, d);
          const abs = (x: bigint) => (x < 0n ? -x : x);
          // |n − q·d| ≤ |d|/2, i.e. q is a nearest integer to n/d …
          expect(2n * abs(n - q * d) <= abs(d)).toBe(true);
          // … and the sign of n/d decides the direction, so ties go away from zero.
          expect(divideRounded(-n, d)).toBe(-q);
          if (n % d === 0n) expect(q).toBe(n / d);
        },
      ),
    );
  });
});
