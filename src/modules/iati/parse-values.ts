import { currencyDigits, divideRounded, parseDecimal } from "../../contracts/minor-units.ts";
import {
  type IatiProblem,
  type IatiProblemValues,
  iatiProblem,
  type ParsedValue,
} from "./iati-activity.ts";
import type { XmlNode } from "./xml-node.ts";

const DATE = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Memo of the file's dates and currencies: a publication repeats the same few thousand dates
 * and a handful of currencies across a hundred thousand values. Bounded, so a file of only
 * distinct dates costs a clear now and then rather than memory.
 */
const seenDates = new Map<string, string | null>();
const digitsOf = new Map<string, number | undefined>();

/** An xsd:date (a time part is dropped); null when absent or not a date. */
export function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const known = seenDates.get(value);
  if (known !== undefined) return known;
  const match = DATE.exec(value.trim());
  const date = match?.[1] ?? null;
  const valid = date !== null && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? date : null;
  if (seenDates.size >= 10_000) seenDates.clear();
  seenDates.set(value, valid);
  return valid;
}

function minorDigits(currency: string): number | undefined {
  if (digitsOf.has(currency)) return digitsOf.get(currency);
  const digits = currencyDigits(currency);
  if (digitsOf.size < 1_000) digitsOf.set(currency, digits);
  return digits;
}

/**
 * The `<value>` of a transaction or budget (`owner`, which problems name),
 * `<value currency="EUR" value-date="2012-01-01">1000.5</value>`, → minor units of its currency
 * (own or the activity's default). Extra decimals are rounded half away from zero, with a
 * note; a missing currency, value date or number is a problem naming the line.
 */
export function parseValue(
  owner: XmlNode,
  node: XmlNode | undefined,
  defaultCurrency: string | null,
  fallbackDate: string | null,
  problems: IatiProblem[],
): ParsedValue | null {
  if (!node)
    return valueProblem(problems, owner, owner.line, "value_missing", {}, "has no <value>");
  const text = node.text.trim();
  const currency = node.attrs.currency ?? defaultCurrency;
  if (!currency)
    return valueProblem(
      problems,
      owner,
      node.line,
      "currency_missing",
      {},
      "the value has no currency (no @currency and no @default-currency on the activity)",
    );
  const digits = minorDigits(currency);
  if (digits === undefined)
    return valueProblem(
      problems,
      owner,
      node.line,
      "currency_unknown",
      { currency },
      `${currency} is not an ISO 4217 currency code`,
    );
  const valueDate = isoDate(node.attrs["value-date"]) ?? fallbackDate;
  if (!valueDate)
    return valueProblem(
      problems,
      owner,
      node.line,
      "value_date_missing",
      {},
      "the value has no valid @value-date",
    );
  let decimal: { units: bigint; scale: number };
  try {
    decimal = parseDecimal(text.charCodeAt(0) === 43 /* + */ ? text.slice(1) : text);
  } catch {
    const amount = text.slice(0, 40);
    return valueProblem(
      problems,
      owner,
      node.line,
      "amount_not_number",
      { amount },
      `"${amount}" is not a decimal number`,
    );
  }
  const amountMinor =
    decimal.scale <= digits
      ? decimal.units * 10n ** BigInt(digits - decimal.scale)
      : divideRounded(decimal.units, 10n ** BigInt(decimal.scale - digits));
  return { text, amountMinor, currency, valueDate };
}

type ValueProblemCode =
  | "value_missing"
  | "currency_missing"
  | "currency_unknown"
  | "value_date_missing"
  | "amount_not_number";

/** A value's problem, named by its owner's element (transaction, budget) in `element`. */
function valueProblem<C extends ValueProblemCode>(
  problems: IatiProblem[],
  owner: XmlNode,
  line: number,
  code: C,
  values: Omit<IatiProblemValues<C>, "element">,
  message: string,
) {
  const all = { ...values, element: owner.name } as IatiProblemValues<C>;
  problems.push(iatiProblem(line, "data", code, all, `<${owner.name}>: ${message}`));
  return null;
}
