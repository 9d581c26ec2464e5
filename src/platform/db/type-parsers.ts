/**
 * One decoding of PostgreSQL values for both backends, so that code never sees a
 * difference between PGlite and a PostgreSQL server:
 * - int8 → bigint (money in minor units never passes through a float);
 * - numeric → string (exact decimals, e.g. exchange rates "1.438500000000");
 * - date → "YYYY-MM-DD" string (no time zone shifts);
 * - timestamptz stays a Date.
 */
export const OID = { int8: 20, numeric: 1700, date: 1082 } as const;

export const typeParsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: (value) => BigInt(value),
  [OID.numeric]: (value) => value,
  [OID.date]: (value) => value,
};
