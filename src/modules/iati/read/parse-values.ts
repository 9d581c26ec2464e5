import {
  currencyDigits,
  formatMinorUnits,
  MAX_AMOUNT_MINOR,
} from "../../../contracts/minor-units.ts";
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
  const amountMinor = minorUnits(text, digits);
  if (amountMinor === null) {
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
  if (amountMinor === TOO_LARGE) {
    const amount = text.slice(0, 40);
    const maximum = formatMinorUnits(MAX_AMOUNT_MINOR, currency);
    return valueProblem(
      problems,
      owner,
      node.line,
      "amount_too_large",
      { amount, currency, maximum },
      `${amount} ${currency} has more digits than can be recorded (at most ${maximum} ${currency}, 18 digits in all)`,
    );
  }
  return { text, amountMinor, currency, valueDate };
}

const DECIMAL = /^(-?)(\d*)(?:\.(\d+))?$/;
const LEADING_ZEROS = /^0+/;
const TOO_LARGE = Symbol("too large");

/**
 * A published decimal (xsd:decimal: an optional sign, digits, an optional fraction) → minor
 * units of a currency with `digits` decimals, extra decimals rounded half away from zero; null
 * when it is not a decimal, TOO_LARGE past MAX_AMOUNT_MINOR (what the bigint columns hold).
 * The digits are counted before any BigInt is made, so a value of a million digits costs no
 * more than reading it.
 *
 * Worked example: "1000.505" EUR (2 decimals) → 100050 and a dropped "5" → 100051.
 * Worked example: "100000000000000" CLF (4 decimals) → 15 + 4 digits, past 18: TOO_LARGE.
 */
function minorUnits(text: string, digits: number): bigint | null | typeof TOO_LARGE {
  const match = DECIMAL.exec(text.charCodeAt(0) === 43 /* + */ ? text.slice(1) : text);
  if (!match) return null;
  const [, sign = "", digitsBefore = "", fraction = ""] = match;
  if (digitsBefore === "" && fraction === "") return null;
  const whole = digitsBefore.replace(LEADING_ZEROS, "");
  if (whole.length + digits > 18) return TOO_LARGE;
  const kept = fraction.slice(0, digits).padEnd(digits, "0");
  const roundsUp = (fraction.charCodeAt(digits) || 0) >= 53; /* "5" */
  const magnitude = BigInt(`${whole}${kept}` || "0") + (roundsUp ? 1n : 0n);
  if (magnitude > MAX_AMOUNT_MINOR) return TOO_LARGE;
  return sign === "-" ? -magnitude : magnitude;
}

type ValueProblemCode =
  | "value_missing"
  | "currency_missing"
  | "currency_unknown"
  | "value_date_missing"
  | "amount_not_number"
  | "amount_too_large";

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
