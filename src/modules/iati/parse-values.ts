import { currencyDigits, divideRounded, parseDecimal } from "../../contracts/money.ts";
import type { IatiProblem, ParsedValue } from "./iati-activity.ts";
import { childOf, type XmlNode } from "./xml-node.ts";

const DATE = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

/** An xsd:date (a time part is dropped); null when absent or not a date. */
export function isoDate(value: string | undefined): string | null {
  const match = value ? DATE.exec(value.trim()) : null;
  if (!match?.[1]) return null;
  const date = match[1];
  return Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? null : date;
}

/**
 * `<value currency="EUR" value-date="2012-01-01">1000.5</value>` → minor units of its currency
 * (own or the activity's default). Extra decimals are rounded half away from zero, with a
 * note; a missing currency, value date or number is a problem naming the line.
 */
export function parseValue(
  owner: XmlNode,
  defaultCurrency: string | null,
  fallbackDate: string | null,
  problems: IatiProblem[],
): ParsedValue | null {
  const node = childOf(owner, "value");
  const line = node?.line ?? owner.line;
  const problem = (message: string) => {
    problems.push({ line, kind: "data", message: `<${owner.name}>: ${message}` });
    return null;
  };
  if (!node) return problem("has no <value>");
  const text = node.text.trim();
  const currency = node.attrs.currency ?? defaultCurrency;
  if (!currency)
    return problem(
      "the value has no currency (no @currency and no @default-currency on the activity)",
    );
  const digits = currencyDigits(currency);
  if (digits === undefined) return problem(`${currency} is not an ISO 4217 currency code`);
  const valueDate = isoDate(node.attrs["value-date"]) ?? fallbackDate;
  if (!valueDate) return problem("the value has no valid @value-date");
  let decimal: { units: bigint; scale: number };
  try {
    decimal = parseDecimal(text.replace(/^\+/, ""));
  } catch {
    return problem(`"${text.slice(0, 40)}" is not a decimal number`);
  }
  const amountMinor =
    decimal.scale <= digits
      ? decimal.units * 10n ** BigInt(digits - decimal.scale)
      : divideRounded(decimal.units, 10n ** BigInt(decimal.scale - digits));
  return { text, amountMinor, currency, valueDate };
}
