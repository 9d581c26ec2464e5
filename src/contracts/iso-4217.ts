/**
 * The currencies of ISO 4217 (List One, as published on 2024-06-25 by SIX, the maintenance
 * agency: https://www.six-group.com/en/products-services/financial-information/data-standards.html)
 * by their minor units, the decimals an amount has: EUR 2, JPY 0, KWD 3, CLF 4. Fund codes
 * (BOV, CHE, COU, MXV, USN, UYI, …) are listed as ISO lists them. Left out: the codes that are
 * not money a partner can pledge — precious metals (XAU, XAG, XPT, XPD), bond-market units
 * (XBA–XBD), the SDR (XDR), SUCRE (XSU), the ADB unit (XUA), the test code (XTS) and "no
 * currency" (XXX) — for which ISO gives no minor units.
 *
 * A table here, not a package: server and web both read it, and contracts depend on zod alone.
 */
const CODES_BY_MINOR_UNITS: Record<number, string> = {
  0: "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF",
  2: `AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP
      BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR
      FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW
      KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN
      NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD
      SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS
      VED VES WST XCD YER ZAR ZMW ZWG`,
  3: "BHD IQD JOD KWD LYD OMR TND",
  4: "CLF UYW",
};

/** ISO 4217 code → its minor units (decimals). */
export const currencyMinorUnits: ReadonlyMap<string, number> = new Map(
  Object.entries(CODES_BY_MINOR_UNITS).flatMap(([digits, codes]) =>
    codes
      .trim()
      .split(/\s+/)
      .map((code): [string, number] => [code, Number(digits)]),
  ),
);
