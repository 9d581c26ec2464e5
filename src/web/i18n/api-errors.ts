import { ApiError, type ApiErrorDetail } from "../api/client.ts";
import { createFormatters, locales } from "./format.ts";
import type { Language, MessageKey, Translate } from "./i18n.tsx";

/**
 * The API's refusals in the reader's language. The server words its messages in English for
 * API users and adds what a client needs to say them itself: the error `code`, a finer
 * `reason` with its `values`, `context` figures, and per field the `rule` broken with its
 * limits. The catalogs hold one sentence per code, reason and rule; in English the server's
 * own, more specific sentence is the fallback, in Spanish the catalog's sentence for the code.
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
  const byReason = error.extras.reason
    ? known(t, `apiError.reason.${error.extras.reason}`, values)
    : undefined;
  if (byReason) return byReason;
  if (lang === "en" && error.message && error.code !== "network") return error.message;
  return known(t, `apiError.code.${error.code}`, values) ?? t("error.unexpected");
}

/** A rule's key: sizes depend on what was measured (text length, items, a number). */
function ruleKey(rule: { code: string; [name: string]: unknown }): string {
  const origin = typeof rule.origin === "string" ? rule.origin : "";
  const measured =
    origin === "string" ? "Text" : origin === "array" || origin === "set" ? "Items" : "Number";
  switch (rule.code) {
    case "too_small":
      return rule.origin === "string" && rule.minimum === 1
        ? "validation.required"
        : `validation.tooSmall${measured}`;
    case "too_big":
      return `validation.tooBig${measured}`;
    case "invalid_format":
      return rule.format === "email" || rule.format === "url" || rule.format === "uuid"
        ? `validation.format.${rule.format}`
        : rule.example
          ? "validation.formatExample"
          : "validation.format";
    default:
      return `validation.${rule.code}`;
  }
}

/** One field's problem, without the field's name (shown beside the field). */
export function detailMessage(detail: ApiErrorDetail, t: Translate, lang: Language): string {
  const rule = detail.rule;
  // A pattern's own English sentence says more than a generic one ("capital letters, …").
  if (lang === "en" && rule?.code === "invalid_format" && rule.format === "regex")
    return detail.message;
  const worded = rule
    ? known(t, ruleKey(rule), withDate(withMoney(plain(rule), lang), lang))
    : undefined;
  if (worded) return worded;
  return lang === "en" ? detail.message : t("validation.invalid");
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

/** The field's label on screen where there is one, else its path in the request. */
export function fieldLabel(path: string, t: Translate): string {
  const key = fieldLabels[path] ?? fieldLabels[path.replace(/\.\d+(\.|$)/, "$1")];
  return key ? t(key) : path;
}
