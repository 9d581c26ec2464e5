import { describe, expect, it } from "vitest";
import { currencyMinorUnits } from "./iso-4217.ts";
import { currencyDigits, isCurrencyCode } from "./minor-units.ts";

describe("the ISO 4217 table", () => {
  it("holds the 166 currencies of List One (2024-06-25) that are money, once each", () => {
    expect(currencyMinorUnits.size).toBe(166);
    for (const [code, digits] of currencyMinorUnits) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(digits);
    }
  });

  it("gives each currency its decimals: 0, 2, 3 or 4", () => {
    expect(
      [
        "JPY",
        "CLP",
        "XOF",
        "USD",
        "EUR",
        "GTQ",
        "HNL",
        "NIO",
        "CRC",
        "KWD",
        "TND",
        "CLF",
        "UYW",
      ].map(currencyDigits),
    ).toEqual([0, 0, 0, 2, 2, 2, 2, 2, 2, 3, 3, 4, 4]);
    expect(currencyDigits("eur")).toBe(2);
  });

  it("knows no metals, units of account, test code or withdrawn currency", () => {
    for (const code of ["XAU", "XAG", "XPT", "XPD", "XBA", "XDR", "XSU", "XUA", "XTS", "XXX"])
      expect(isCurrencyCode(code)).toBe(false);
    for (const code of ["DEM", "SLL", "HRK", "ZWL", "ABC", ""])
      expect(isCurrencyCode(code)).toBe(false);
  });
});
