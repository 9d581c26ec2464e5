/**
 * The name a person knows each request field by, in English: the API's refusals say
 * "Reason for exceeding the commitment: is required", never "over_commitment_reason: …".
 * The web reads the same names as `field.<name>` keys of its English catalog (i18n/en.ts);
 * its Spanish catalog (i18n/es.ts) must hold every one of them, which the type checker
 * enforces. A field of a write endpoint without a name here fails
 * src/web/i18n/field-labels.test.ts.
 *
 * Keys are a field's own name, or its parent's and its own ("source.kind") where the same
 * name means something else inside another field. Positions in lists and the `query.` or
 * `path.` prefix of a refusal's path are not part of the key.
 */
export const fieldLabelsEn = {
  acronym: "Acronym",
  action: "Action",
  active: "Active",
  amount: "Amount",
  as_of: "As of date",
  baseline: "Baseline",
  "baseline.value": "Baseline value",
  "baseline.year": "Baseline year",
  basis: "Basis",
  body: "OAS organ, agency or entity",
  body_kind: "Kind of OAS body",
  budget: "Budget",
  "budget.amount": "Budget amount",
  "budget.currency": "Budget currency",
  budget_value_date: "Budget value date",
  chair_organization_id: "Chairing organization",
  chair_role: "Chair's role",
  city: "City",
  code: "Code",
  commitment_id: "Commitment",
  component: "Strategy component",
  component_id: "Strategy component",
  components: "Strategy components",
  conference_id: "Conference",
  conference_session_id: "Conference session",
  contact_role: "Contact role",
  contributed_on: "Contribution date",
  countries: "Countries",
  country_shares: "Country shares",
  "country_shares.country": "Country of a share",
  "country_shares.percentage": "Country share (%)",
  country: "Country",
  currency: "Currency",
  current_password: "Current password",
  date: "Date",
  day: "Day",
  description: "Description",
  direction: "Direction",
  documents: "Documents",
  "documents.title": "Document title",
  "documents.url": "Document web address",
  dry_run: "Preview only",
  email: "Email",
  end_date: "End date",
  ends_at: "End time",
  evidence: "Evidence",
  evidenceId: "Evidence",
  evidence_url: "Evidence web address",
  executing_agency_id: "Executing agency",
  expires_in_days: "Days until it expires",
  finance_type: "Finance type",
  flow_id: "Ledger entry",
  flow_type: "Flow type",
  format: "Format",
  funding_override_reason: "Reason for starting without secured funding",
  group_of_friends: "Group of friends",
  head_name: "Head's name",
  head_name_published: "Publish the head's name",
  head_title: "Head's title",
  iati_org_id: "IATI organisation identifier",
  id: "Identifier",
  identifier: "Identifier",
  illustrative: "Illustrative record",
  illustrative_fields: "Illustrative fields",
  indicator: "Indicator",
  initiative: "Initiative",
  initiativeId: "Initiative",
  initiative_id: "Initiative",
  initiatives: "Initiatives",
  issued_on: "Issue date",
  joined_on: "Date joined",
  kind: "Kind",
  language: "Language",
  lead_country: "Lead country",
  level: "Level",
  limit: "Number of results",
  line_of_action: "Line of action",
  lines_of_action: "Lines of action",
  mandate: "Mandate",
  mandates: "Mandates",
  name: "Name",
  national_indicator: "National indicator",
  needed_by: "Needed by",
  new_password: "New password",
  note: "Note",
  notes: "Notes",
  offset: "Starting position",
  organization: "Organization",
  organization_id: "Organization",
  over_commitment_reason: "Reason for exceeding the commitment",
  paragraph: "Operative paragraph",
  parent: "Part of",
  partId: "Conference part",
  partner_id: "Partner",
  password: "Password",
  percentage: "Share (%)",
  period: "Period",
  plan_hash: "Import plan",
  pledge_id: "Pledge",
  published: "Published",
  q: "Search words",
  reason: "Reason",
  recovery_code: "Recovery code",
  remove_missing: "Remove records missing from the file",
  resolution_symbol: "Resolution symbol",
  role: "Role",
  scopes: "Permissions",
  sdg_indicator: "SDG indicator",
  sectors: "Sectors",
  "sectors.code": "Sector code",
  "sectors.percentage": "Sector share (%)",
  sex: "Sex",
  skip_invalid: "Skip invalid rows",
  slug: "Web address name",
  sort: "Sort order",
  source: "Source",
  "source.citation": "Source citation",
  "source.kind": "Kind of source",
  "source.name": "Source name",
  "source.url": "Source web address",
  start_date: "Start date",
  starts_at: "Start time",
  status: "Status",
  summary: "Summary",
  support_kind: "Kind of support",
  target: "Target",
  "target.value": "Target value",
  "target.year": "Target year",
  target_id: "Record the evidence supports",
  targets: "Targets",
  "targets.value": "Target value",
  "targets.year": "Target year",
  title: "Title",
  to: "New status",
  totp: "Authentication code",
  unit: "Unit",
  url: "Web address",
  usd_per_unit: "US dollars per unit",
  value: "Value",
  "value.amount": "Amount",
  "value.currency": "Currency",
  value_date: "Value date",
  version: "Record version",
  wait: "Wait for the result",
  website: "Website",
  what: "What is requested",
  why: "Why it is needed",
  year: "Year",
} as const;

export type FieldName = keyof typeof fieldLabelsEn;
export type FieldLanguage = "es" | "en";

/** The catalog keys of the web (`field.<name>`), with their English text. */
export const fieldLabelMessages = Object.fromEntries(
  Object.entries(fieldLabelsEn).map(([name, label]) => [`field.${name}`, label]),
) as { readonly [Name in FieldName as `field.${Name}`]: string };

const isFieldName = (name: string): name is FieldName => Object.hasOwn(fieldLabelsEn, name);

/**
 * Which label a refusal's path takes, and the language of a bilingual text's part:
 * "sectors.1.percentage" → sectors.percentage; "title.es" → title, in Spanish;
 * "query.limit" → limit; "targets.0.baseline.year" → baseline.year. Undefined when the
 * path names no known field.
 */
export function fieldLabelOf(
  path: string,
): { name: FieldName; language?: FieldLanguage } | undefined {
  const parts = path.split(".").filter((part) => part !== "" && !/^\d+$/.test(part));
  if (parts[0] === "query" || parts[0] === "path" || parts[0] === "header") parts.shift();
  const last = parts.at(-1);
  const language = last === "es" || last === "en" ? last : undefined;
  if (language) parts.pop();
  const own = parts.at(-1);
  if (own === undefined) return undefined;
  const parent = parts.at(-2);
  const candidates = parent === undefined ? [own] : [`${parent}.${own}`, own];
  const name = candidates.find(isFieldName);
  if (!name) return undefined;
  return language ? { name, language } : { name };
}

const languageNamesEn: Record<FieldLanguage, string> = { es: "Spanish", en: "English" };

/** The field's English label ("Title (Spanish)"), or undefined when it has none. */
export function englishFieldLabel(path: string): string | undefined {
  const found = fieldLabelOf(path);
  if (!found) return undefined;
  const label = fieldLabelsEn[found.name];
  return found.language ? `${label} (${languageNamesEn[found.language]})` : label;
}
