import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMoney,
  convertToUsdMinor,
  currencyDigits,
  divideRounded,
  figureToMinorUnits,
  formatMinorUnits,
  isWithinAmountBound,
  MAX_AMOUNT_MINOR,
  MAX_AMOUNT_USD_MINOR,
  MoneyError,
  moneyInputSchema,
  parseDecimal,
  percentage,
  shareOfMinorUnits,
  toMinorUnits,
} from "./money.ts";

/** Currencies with 0 (JPY), 2 (USD, EUR, GTQ), 3 (KWD) and 4 (CLF) decimals. */
const currency = fc.constantFrom("USD", "EUR", "GTQ", "JPY", "KWD", "CLF");
/** Amounts the API can carry: at most 15 integer digits, and 18 digits in all. */
const minorUnitsOf = (code: string) => {
  const digits = BigInt(currencyDigits(code) ?? 2);
  const whole = 10n ** (15n + digits) - 1n;
  const limit = whole < MAX_AMOUNT_MINOR ? whole : MAX_AMOUNT_MINOR;
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

describe("money: the bound on one amount", () => {
  const refusal = (amount: string, currency: string) =>
    moneyInputSchema.safeParse({ amount, currency }).error?.issues;

  it("refuses a USD amount over USD 100,000,000,000.00 on its amount field, saying the bound", () => {
    expect(refusal("100000000000.00", "USD")).toBeUndefined();
    for (const amount of ["100000000000.01", "999999999999999.99", "100000000001"]) {
      const issues = refusal(amount, "USD");
      expect(issues?.[0]?.path).toEqual(["amount"]);
      expect(issues?.[0]?.message).toMatch(/at most USD 100000000000\.00/);
      expect(issues?.[0]).toMatchObject({ params: { rule: "amount_too_large" } });
    }
  });

  it("refuses exponents, signs, JSON numbers and more decimals than the currency has", () => {
    for (const [amount, currency] of [
      ["1e5", "USD"],
      ["-5.00", "USD"],
      ["+5", "USD"],
      ["1.001", "USD"],
      ["0.00001", "CLF"],
      ["1.5", "JPY"],
      ["1,000.00", "USD"],
      [" 5", "USD"],
      ["1".repeat(16), "JPY"],
    ] as const) {
      expect(refusal(amount, currency)?.[0]?.path, `${amount} ${currency}`).toEqual(["amount"]);
    }
    expect(moneyInputSchema.safeParse({ amount: 1e20, currency: "USD" }).success).toBe(false);
  });

  it("keeps every amount's minor units within PostgreSQL's bigint, for every currency", () => {
    // 15 whole digits and 4 decimals (CLF) would be 19 digits: refused, not overflowed.
    expect(() => toMinorUnits("999999999999999.9999", "CLF")).toThrow(/18 in all/);
    expect(refusal("999999999999999.9999", "CLF")?.[0]?.path).toEqual(["amount"]);
    expect(toMinorUnits("99999999999999.9999", "CLF")).toBe(999_999_999_999_999_999n);
    fc.assert(
      fc.property(currency, fc.stringMatching(/^\d{1,15}(\.\d{1,4})?$/), (code, amount) => {
        try {
          const minor = toMinorUnits(amount, code);
          expect(minor >= 0n && minor <= MAX_AMOUNT_MINOR).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(MoneyError);
        }
      }),
    );
  });

  it("bounds USD values either way, since a reversal negates its entry", () => {
    expect(isWithinAmountBound(MAX_AMOUNT_USD_MINOR)).toBe(true);
    expect(isWithinAmountBound(-MAX_AMOUNT_USD_MINOR)).toBe(true);
    expect(isWithinAmountBound(MAX_AMOUNT_USD_MINOR + 1n)).toBe(false);
    expect(isWithinAmountBound(-MAX_AMOUNT_USD_MINOR - 1n)).toBe(false);
  });

  it("reads back figures of any size that the platform formatted", () => {
    fc.assert(
      fc.property(currency, fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), (code, minor) => {
        expect(figureToMinorUnits(formatMinorUnits(minor, code), code)).toBe(minor);
      }),
    );
    expect(() => figureToMinorUnits("1.001", "USD")).toThrow(MoneyError);
    expect(() => figureToMinorUnits("1e5", "USD")).toThrow(MoneyError);
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

describe("shareOfMinorUnits", () => {
  it("takes a percentage of cents exactly, rounding half away from zero", () => {
    expect(shareOfMinorUnits(100_001n, "30.00")).toBe(30_000n); // 30000.3 → 30000
    expect(shareOfMinorUnits(5n, "50")).toBe(3n); // 2.5 → 3
    expect(shareOfMinorUnits(123_456_789n, "12.5")).toBe(15_432_099n); // 15432098.625 → …099
    expect(shareOfMinorUnits(100_000_000n, "100")).toBe(100_000_000n);
    expect(() => shareOfMinorUnits(100n, "1.005")).toThrow("more than 2 decimals");
  });
});
