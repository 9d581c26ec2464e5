import type { MessageValues } from "../errors.ts";

/**
 * What a field is expected to hold, as data a client words in its own language (`rule`:
 * a code and its limits) and as an English sentence for people reading the API. Every kind
 * of zod issue says what is expected: a type ("a number"), a size (at least 3 characters,
 * at most 50 entries), a format (a date YYYY-MM-DD, an email address), one of some values,
 * or a rule the schema names itself with `params: { rule: "…", …values }`.
 */

export type Rule = { code: string } & MessageValues;

/** A zod issue as fastify-type-provider-zod hands it over: code, message, the rest. */
export interface IssueLike {
  keyword: string;
  message: string;
  params: Record<string, unknown> | undefined;
}

/** Formats zod checks by name, with the form a value takes and a valid example. */
const formats: Record<string, { expected?: string; example: string }> = {
  date: { expected: "YYYY-MM-DD", example: "2011-06-22" },
  datetime: { expected: "YYYY-MM-DDThh:mm:ssZ", example: "2011-06-22T15:00:00Z" },
  time: { expected: "hh:mm:ss", example: "15:00:00" },
  email: { example: "name@example.org" },
  url: { example: "https://www.oas.org" },
  uuid: { example: "3b241101-e2bb-4255-8caf-4136c566a962" },
  guid: { example: "3b241101-e2bb-4255-8caf-4136c566a962" },
};

const isValue = (value: unknown): value is string | number | boolean =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean";

/** zod's own English sentences are replaced; a schema's own message is kept. */
export const isZodDefaultMessage = (message: string): boolean =>
  /^(Invalid|Too (small|big)|Unrecognized key)/.test(message);

/** The issue of a union's branch that says most: a refusal past the type, else the types. */
function unionIssue(params: Record<string, unknown>): IssueLike | Rule {
  const branches = (Array.isArray(params.errors) ? params.errors : []) as Array<
    Array<{ code: string; message: string; path: unknown[]; [name: string]: unknown }>
  >;
  const issues = branches.flat();
  const deeper = issues.find((issue) => issue.code !== "invalid_type" || issue.path.length > 0);
  if (deeper) {
    const { code, message, path: _path, ...rest } = deeper;
    return { keyword: code, message, params: rest };
  }
  if (issues.length > 0 && issues.every((issue) => /received undefined$/.test(issue.message)))
    return { code: "required" };
  const expected = [...new Set(issues.map((issue) => String(issue.expected)))];
  return expected.length ? { code: "invalid_type", expected } : { code: "invalid_type" };
}

/**
 * The zod issue as a rule a client can word: its code and plain limits (minimum, maximum,
 * inclusive, origin, expected, format, values, divisor). A custom rule names itself with
 * `params: { rule: "…", …values }` in the schema. A missing value is `required`.
 */
export function ruleOf(issue: IssueLike): Rule {
  const { keyword, message } = issue;
  const params = issue.params ?? {};
  if (keyword === "invalid_union") {
    const inner = unionIssue(params);
    return "keyword" in inner ? ruleOf(inner as IssueLike) : inner;
  }
  if (keyword === "invalid_key" || keyword === "invalid_element") {
    // A record's key or a map's entry: what is wrong with it is its first issue.
    const first = (params.issues as Array<Record<string, unknown>> | undefined)?.[0];
    if (!first) return { code: "invalid_type" };
    const { code, message: text, path: _path, ...rest } = first;
    return ruleOf({ keyword: String(code), message: String(text), params: rest });
  }
  const named = params.params as Record<string, unknown> | undefined;
  const custom = keyword === "custom" && typeof named?.rule === "string";
  const source: Record<string, unknown> = custom ? (named ?? {}) : params;
  const code = custom
    ? String(named?.rule)
    : keyword === "invalid_type" && /received undefined$/.test(message)
      ? "required"
      : keyword === "unrecognized_keys"
        ? "unknown_field"
        : keyword;
  const rule: Rule = { code };
  if (code === "required") return rule;
  for (const [name, value] of Object.entries(source)) {
    if (["rule", "input", "params", "keys", "continue"].includes(name)) continue;
    // A built-in format's pattern is zod's own regular expression, of use to no reader.
    if (name === "pattern" && params.format !== "regex") continue;
    if (isValue(value)) rule[name] = value;
    else if (typeof value === "bigint") rule[name] = value.toString();
    else if (
      Array.isArray(value) &&
      value.every((v) => typeof v === "string" || typeof v === "number")
    )
      rule[name] = value;
    else if (Array.isArray(value)) rule[name] = value.map((v) => (v === null ? "null" : String(v)));
  }
  if (code === "invalid_format" && typeof rule.format === "string") {
    const known = formats[rule.format];
    if (known?.expected) rule.expected = known.expected;
    if (known) rule.example = known.example;
  }
  // A pattern's message often shows a valid value ("e.g. BA1", "such as \"41.4\""): keep it.
  const example = /(?:e\.g\.|such as) "?([^\s",;)]+)"?/.exec(message)?.[1];
  if (code === "invalid_format" && example) rule.example = example;
  return rule;
}

const typeNames: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  date: "a date",
  null: "empty (null)",
};

const list = (values: unknown): string =>
  (Array.isArray(values) ? values : [values]).map((v) => JSON.stringify(v)).join(", ");

const formatSentences: Record<string, (rule: Rule) => string> = {
  date: (rule) => `must be a date written ${rule.expected}, e.g. ${rule.example}`,
  datetime: (rule) => `must be a date and time written ${rule.expected}, e.g. ${rule.example}`,
  time: (rule) => `must be a time written ${rule.expected}, e.g. ${rule.example}`,
  email: (rule) => `must be an email address such as ${rule.example}`,
  url: (rule) => `must be a web address such as ${rule.example}`,
  uuid: (rule) => `must be an identifier (UUID) such as ${rule.example}`,
  guid: (rule) => `must be an identifier (UUID) such as ${rule.example}`,
  starts_with: (rule) => `must start with ${JSON.stringify(rule.prefix)}`,
  ends_with: (rule) => `must end with ${JSON.stringify(rule.suffix)}`,
  includes: (rule) => `must contain ${JSON.stringify(rule.includes)}`,
};

function sizeSentence(rule: Rule, most: boolean): string {
  const limit = most ? rule.maximum : rule.minimum;
  const bound = rule.exact ? "exactly" : most ? "at most" : "at least";
  if (rule.origin === "string") return `must have ${bound} ${limit} characters`;
  if (rule.origin === "array" || rule.origin === "set")
    return `must have ${bound} ${limit} entries`;
  if (rule.inclusive === false) return `must be ${most ? "less" : "greater"} than ${limit}`;
  return `must be ${bound} ${limit}`;
}

/** The English sentence of what the field expects, without the field's name. */
export function englishExpectation(rule: Rule, message: string): string {
  // A schema's own sentence ("must be 1–32 capital letters, … e.g. CICAD") says most.
  if (!isZodDefaultMessage(message) && rule.code !== "unknown_field") return message;
  switch (rule.code) {
    case "required":
      return "is required";
    case "unknown_field":
      return "is not a field this request accepts";
    case "invalid_type": {
      const expected = (Array.isArray(rule.expected) ? rule.expected : [rule.expected ?? ""]).map(
        (type) => typeNames[String(type)] ?? String(type),
      );
      return `must be ${expected.join(" or ")}`;
    }
    case "too_small":
      return rule.origin === "string" && rule.minimum === 1
        ? "is required"
        : sizeSentence(rule, false);
    case "too_big":
      return sizeSentence(rule, true);
    case "not_multiple_of":
      return `must be a multiple of ${rule.divisor}`;
    case "invalid_value":
      return Array.isArray(rule.values) && rule.values.length === 1
        ? `must be ${list(rule.values)}`
        : `must be one of: ${list(rule.values)}`;
    case "invalid_format": {
      const sentence = formatSentences[String(rule.format)];
      if (sentence) return sentence(rule);
      return rule.example
        ? `does not have the expected format, e.g. ${rule.example}`
        : "does not have the expected format";
    }
    default:
      return message;
  }
}
