import { type RawBuilder, sql } from "kysely";

type Element = string | bigint | boolean | null;

/** JSON's escapes that a PostgreSQL array literal does not share (`\\` and `\"` it does). */
const JSON_ONLY_ESCAPE = /\\(\\|[bfnrt]|u[0-9a-fA-F]{4})/g;
const controls: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const unescapeJson = (sequence: string, code: string) =>
  code === "\\"
    ? sequence
    : (controls[code] ?? String.fromCharCode(Number.parseInt(code.slice(1), 16)));

/**
 * A column as one PostgreSQL array literal, `{"a","b\"c",NULL,"7",true}`, built by
 * JSON.stringify (as iati/staged-rows.ts does for the import): one text parameter per column,
 * the same on PGlite and node-postgres, instead of one parameter per value.
 */
export function arrayLiteral(values: readonly Element[]): string {
  const json = JSON.stringify(values.map((v) => (typeof v === "bigint" ? v.toString() : v)));
  return `{${json.slice(1, -1).replace(JSON_ONLY_ESCAPE, unescapeJson)}}`;
}

/** `values` as a typed array expression, e.g. `uuid[]`, sent as one text parameter. */
export const sqlArray = (values: readonly Element[], type: string): RawBuilder<unknown> =>
  sql`${arrayLiteral(values)}::text::${sql.raw(type)}[]`;

/**
 * `values` as a one-column subquery, for `column in (…)`. Not `= any(array)`: the cast of
 * the text parameter to an array is not folded into a constant, so `any` would parse the
 * whole array again for every row it tests (quadratic); unnest here runs once.
 */
export const sqlList = (values: readonly Element[], type: string): RawBuilder<unknown> =>
  sql`(select unnest(${sqlArray(values, type)}))`;
