import { fieldLabelOf } from "../../contracts/field-labels.ts";
import { ApiError, type ApiErrorDetail } from "../api/client.ts";
import { createFormatters, locales } from "./format.ts";
import type { Language, MessageKey, Translate } from "./i18n.tsx";

/**
 * The API's refusals in the reader's language. The server words its messages in English for
 * API users and adds what a client needs to say them itself: the error `code`, a finer
 * `reason` with its `values`, `context` figures, and per field the `rule` broken with its
 * limits. The catalogs hold one sentence per code, reason and rule; in English the server's
 * own, more specific sentence is the fallback when it names no field, in Spanish the
 * catalog's sentence for the code.
 */

type Values = Record<string, string | number>;

/** Catalog keys are checked by the type checker; a reason or rule outside it has none. */
function known(t: Translate, key: string, values?: Values): string | undefined {
  const text = t(key as MessageKey, values);
  return text === key ? undefined : text;
}

function plain(values: Record<string, unknown> | undefined): Values {
  const out: Values = {};
  for (const [name, value] of Object.entries(values ?? {})) {
    if (typeof value === "string" || typeof value === "number") out[name] = value;
    else if (typeof value === "boolean") out[name] = String(value);
    else if (Array.isArray(value)) out[name] = value.join(", ");
    else if (value === null) out[name] = "—";
  }
  return out;
}

/**
 * Amounts in values are decimal strings in `currency` (USD unless named): the ledger's
 * refusals name `*_usd` figures. They read as money in the reader's locale, with the code:
 * "900000.00" → "USD 900,000.00" (en), "USD 900.000,00" style per locale (es).
 */
function withMoney(values: Values, lang: Language): Values {
  const currency = typeof values.currency === "string" ? values.currency : "USD";
  const out = { ...values };
  for (const [name, value] of Object.entries(values)) {
    if (!name.endsWith("_usd") || typeof value !== "string" || !/^-?\d+(\.\d+)?$/.test(value))
      continue;
    out[name] = new Intl.NumberFormat(locales[lang], {
      style: "currency",
      currency: name.endsWith("_usd") ? "USD" : currency,
      currencyDisplay: "code",
    }).format(value as Intl.StringNumericLiteral);
  }
  return out;
}

/** A `date` value ("2025-03-03") as the reader writes dates: 3 Mar 2025, 3 mar 2025. */
function withDate(values: Values, lang: Language): Values {
  const date = values.date;
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return values;
  return { ...values, date: createFormatters(lang).date(date) };
}

/** Statuses in context values (invalid_transition's from/to) read as their labels. */
function withStatusLabels(t: Translate, values: Values): Values {
  const out = { ...values };
  for (const name of ["from", "to"]) {
    const status = out[name];
    if (typeof status === "string") out[name] = known(t, `status.${status}`) ?? status;
  }
  return out;
}

/**
 * A duplicate's `key` names the record's columns ("partner_id, initiative_id"): they read as
 * the fields' labels in the reader's language ("Socio, Iniciativa"). Undefined when a column
 * has no label, so the code's own sentence is said instead of a column's name.
 */
function withKeyLabels(t: Translate, values: Values): Values | undefined {
  if (typeof values.key !== "string") return values;
  const labels = values.key
    .split(",")
    .map((column) => column.trim())
    .map((column) => ({ column, label: fieldLabel(column, t) }));
  if (labels.some(({ column, label }) => label === column)) return undefined;
  return { ...values, key: labels.map(({ label }) => label).join(", ") };
}

/** One sentence for the whole refusal. */
export function errorMessage(error: unknown, t: Translate, lang: Language): string {
  if (!(error instanceof ApiError)) return t("error.unexpected");
  const values = withDate(
    withMoney(
      withStatusLabels(t, {
        ...plain(error.extras.context),
        ...plain(error.extras.values),
      }),
      lang,
    ),
    lang,
  );
  const keyed = withKeyLabels(t, values);
  const byReason =
    error.extras.reason && keyed
      ? known(t, `apiError.reason.${error.extras.reason}`, keyed)
      : undefined;
  if (byReason) return byReason;
  // Field problems are worded one by one (detailMessage), each beside its field's label; the
  // server's summary of them is for API users, so the reader gets the code's sentence.
  if (lang === "en" && error.message && error.code !== "network" && error.details.length === 0)
    return error.message;
  return known(t, `apiError.code.${error.code}`, values) ?? t("error.unexpected");
}

/** A rule's key: sizes depend on what was measured (text length, items, a number). */
function ruleKey(rule: { code: string; [name: string]: unknown }): string {
  const origin = typeof rule.origin === "string" ? rule.origin : "";
  const measured =
    origin === "string" ? "Text" : origin === "array" || origin === "set" ? "Items" : "Number";
  const exclusive = measured === "Number" && rule.inclusive === false ? "Exclusive" : "";
  switch (rule.code) {
    case "too_small":
      if (rule.exact === true && measured !== "Number") return `validation.exact${measured}`;
      return rule.origin === "string" && rule.minimum === 1
        ? "validation.required"
        : `validation.tooSmall${measured}${exclusive}`;
    case "too_big":
      if (rule.exact === true && measured !== "Number") return `validation.exact${measured}`;
      return `validation.tooBig${measured}${exclusive}`;
    case "invalid_value":
      return Array.isArray(rule.values) && rule.values.length === 1
        ? "validation.invalid_value_one"
        : "validation.invalid_value";
    case "invalid_format": {
      const format = typeof rule.format === "string" ? rule.format : "";
      if (format === "guid") return "validation.format.uuid";
      if (format && format !== "regex") return `validation.format.${format}`;
      return rule.example ? "validation.formatExample" : "validation.format";
    }
    default:
      return `validation.${rule.code}`;
  }
}

/** The values a rule's sentence names: expected types in words, an exact size as count. */
function ruleValues(rule: { code: string; [name: string]: unknown }, t: Translate): Values {
  const values = plain(rule);
  if (rule.code === "invalid_type") {
    const expected = Array.isArray(rule.expected) ? rule.expected : [rule.expected];
    values.expected = expected
      .map((type) => known(t, `validation.typeName.${String(type)}`) ?? String(type))
      .join(t("validation.or"));
  }
  if (rule.exact === true) values.count = String(rule.minimum ?? rule.maximum ?? "");
  return values;
}

/**
 * One field's problem, without the field's name (shown beside the field): what the field
 * expects, from the rule's code and limits, in the reader's language. A rule this web app
 * does not know yet (a newer server) still says what the server expects, in its words.
 */
export function detailMessage(detail: ApiErrorDetail, t: Translate, lang: Language): string {
  const rule = detail.rule;
  // A pattern's own English sentence says more than a generic one ("capital letters, …").
  if (lang === "en" && rule?.code === "invalid_format" && rule.format === "regex")
    return detail.message;
  const worded = rule
    ? known(t, ruleKey(rule), withDate(withMoney(ruleValues(rule, t), lang), lang))
    : undefined;
  if (worded) return worded;
  return lang === "en" ? detail.message : t("validation.notAccepted", { message: detail.message });
}

const fieldLabels: Record<string, MessageKey> = {
  "title.es": "form.titleEs",
  "title.en": "form.titleEn",
  "summary.es": "form.summaryEs",
  "summary.en": "form.summaryEn",
  code: "form.code",
  budget: "form.budgetAmount",
  "budget.amount": "form.budgetAmount",
  "budget.currency": "form.currency",
  start_date: "form.startDate",
  end_date: "form.endDate",
  sectors: "form.sectorShare",
  component: "initiative.component",
  line_of_action: "initiative.lineOfAction",
  lead_country: "initiative.leadCountry",
  countries: "initiative.countries",
  flow_type: "flow.type",
  support_kind: "flow.supportKind",
  partner_id: "flow.partner",
  initiative_id: "flow.initiative",
  component_id: "flow.component",
  value: "form.amount",
  "value.amount": "form.amount",
  "value.currency": "form.currency",
  value_date: "flow.valueDate",
  description: "flow.description",
  note: "flow.note",
  source: "flow.source",
  pledge_id: "flow.pledgeLink",
  commitment_id: "flow.commitmentLink",
  over_commitment_reason: "flow.overReason",
  email: "login.email",
  password: "login.password",
  totp: "login.totp",
  name: "users.name",
  role: "users.role",
  organization_id: "users.organization",
};

/**
 * The field's label on screen where there is one, else its name for people in the reader's
 * language (contracts/field-labels.ts: "Motivo para superar el compromiso"), never its key
 * in the request, unless the server names a field this app does not know yet.
 */
export function fieldLabel(path: string, t: Translate): string {
  const key = fieldLabels[path] ?? fieldLabels[path.replace(/\.\d+(\.|$)/, "$1")];
  if (key) return t(key);
  const found = fieldLabelOf(path);
  if (!found) return path;
  const label = t(`field.${found.name}`);
  return found.language
    ? t("field.inLanguage", { field: label, language: t(`field.language.${found.language}`) })
    : label;
}
