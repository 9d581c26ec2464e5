/**
 * How the audit trail's row images read in words: each column an audited table writes, what
 * kind of value it holds (money with the column naming its currency, a date, one of a closed
 * list…), and which columns are never shown. Labels are the web catalogs' `auditField.<column>`;
 * a column means the same in every table that has it. Plain data, no zod: the server filters
 * images with it, the web formats them.
 */

/**
 * text, number, boolean; date (a calendar day), instant (UTC); country (ISO 3166 code);
 * money:<column> (minor units in the currency that column names), usd (minor units of USD);
 * ref:<table> (an id, named from that table); enum:<catalog prefix>; json (shown as it is).
 */
export type AuditValueKind =
  | "text"
  | "number"
  | "boolean"
  | "date"
  | "instant"
  | "country"
  | "usd"
  | "json"
  | `money:${string}`
  | `ref:${AuditRefTable}`
  | `enum:${AuditEnum}`;

/**
 * The record types in the trail: every audited table, and audit_log for the events about
 * the trail itself (its verification). A test compares them with the database's triggers.
 */
export const auditedTables = [
  "api_tokens",
  "audit_log",
  "conference_contributions",
  "conference_delegations",
  "conference_documents",
  "conference_sessions",
  "conferences",
  "exchange_rates",
  "group_of_friends_joins",
  "indicator_observations",
  "indicators",
  "initiative_countries",
  "initiative_sectors",
  "initiative_targets",
  "initiative_transitions",
  "initiatives",
  "lines_of_action",
  "mandate_evidence",
  "mandate_initiatives",
  "mandate_statuses",
  "mandates",
  "oas_bodies",
  "oas_body_components",
  "oas_body_lines",
  "organizations",
  "over_disbursement_requests",
  "practice_components",
  "practice_countries",
  "practice_documents",
  "practice_initiatives",
  "practice_mandates",
  "practices",
  "reminder_digests",
  "reminder_runs",
  "report_jobs",
  "reports",
  "resolution_periods",
  "resolutions",
  "results_actuals",
  "results_indicators",
  "results_targets",
  "strategy_components",
  "support_flows",
  "support_request_steps",
  "support_requests",
  "totp_recovery_codes",
  "users",
] as const;
export type AuditedTable = (typeof auditedTables)[number];

/** The tables an id is named from (code and name in both languages). */
export const auditRefTables = [
  "organizations",
  "strategy_components",
  "lines_of_action",
  "indicators",
  "initiatives",
] as const;
export type AuditRefTable = (typeof auditRefTables)[number];

/** Closed lists whose values the catalogs word: `<prefix>.<value>`. */
export type AuditEnum = "status" | "flowType" | "supportKind" | "role" | "orgKind" | "lang";

const TEXT = "text" as const;

/** Every column the audit trail shows, by name, with the kind of its values. */
export const auditColumns = {
  acronym: "text",
  action: "text",
  active: "boolean",
  actor: "text",
  actor_organization_id: "ref:organizations",
  actor_role: "enum:role",
  actor_user_id: "text",
  added_at: "instant",
  addressees: "json",
  adopted_on: "date",
  amount_minor: "money:currency",
  as_of: "instant",
  at: "instant",
  baseline_value: "number",
  baseline_year: "number",
  basis: "text",
  body: "text",
  body_id: "ref:organizations",
  body_kind: "text",
  budget_amount_minor: "money:budget_currency",
  budget_currency: "text",
  budget_fx_date: "date",
  budget_fx_rate: "number",
  budget_usd_minor: "usd",
  budget_value_date: "date",
  chair_organization_id: "ref:organizations",
  chair_role_en: "text",
  chair_role_es: "text",
  city: "text",
  code: "text",
  commitment_id: "text",
  commitment_months: "number",
  component_id: "ref:strategy_components",
  conference_id: "text",
  conference_session_id: "text",
  contact_role_en: "text",
  contact_role_es: "text",
  contributed_on: "date",
  country_iso2: "country",
  created_at: "instant",
  currency: "text",
  dac_code: "text",
  day: "date",
  decided_at: "instant",
  decided_by: "text",
  decided_by_user_id: "text",
  decision_note: "text",
  description: "text",
  description_en: "text",
  description_es: "text",
  digests_sent: "number",
  direction: "text",
  due_on: "date",
  due_session_en: "text",
  due_session_es: "text",
  effective_on: "date",
  email: "text",
  end_date: "date",
  ends_at: "text",
  ends_on: "date",
  error_message: "text",
  evidence: "text",
  evidence_url: "text",
  executing_agency_id: "ref:organizations",
  expires_at: "instant",
  figures: "json",
  finance_type: "text",
  finished_at: "instant",
  flow_id: "text",
  flow_type: "enum:flowType",
  format: "text",
  from_status: "enum:status",
  funding_override_reason: "text",
  fx_date: "date",
  fx_rate: "number",
  group_of_friends: "boolean",
  head_name: "text",
  head_name_published: "boolean",
  head_title_en: "text",
  head_title_es: "text",
  iati_org_id: "text",
  illustrative: "boolean",
  indicator_id: "ref:indicators",
  initiative_id: "ref:initiatives",
  is_demo: "boolean",
  issued_at: "instant",
  issued_by: "text",
  issued_by_user_id: "text",
  issued_on: "date",
  item_count: "number",
  job_id: "text",
  joined_on: "date",
  kind: "text",
  label_en: "text",
  label_es: "text",
  language: "enum:lang",
  last_used_at: "instant",
  lead_country: "country",
  level: "text",
  line_of_action_id: "ref:lines_of_action",
  linked_at: "instant",
  mandate_en: "text",
  mandate_es: "text",
  mandate_id: "text",
  message_id: "text",
  name: "text",
  name_en: "text",
  name_es: "text",
  national_indicator_id: "ref:indicators",
  needed_by: "date",
  new_count: "number",
  note: "text",
  notes: "text",
  organization_id: "ref:organizations",
  original_language: "enum:lang",
  over_commitment_reason: "text",
  paragraph: "number",
  parent_id: "ref:organizations",
  partner_id: "ref:organizations",
  password_changed_at: "instant",
  percentage: "number",
  period_code: "text",
  pledge_id: "text",
  pledge_months: "number",
  position: "number",
  practice_id: "text",
  prefix: "text",
  published_at: "instant",
  rate_date: "date",
  // Spelled through a constant: `reason: "…"` in code names an API refusal's reason.
  reason: TEXT,
  recorded_at: "instant",
  recorded_by: "text",
  recorded_by_user_id: "text",
  report_id: "text",
  reported_by: "text",
  reporter_organization_id: "ref:organizations",
  reporter_role: "enum:role",
  reporting_body: "text",
  request_id: "text",
  requested_at: "instant",
  requested_by: "text",
  requested_by_user_id: "text",
  resolution_id: "text",
  resolution_symbol: "text",
  results_indicator_id: "text",
  reverses_id: "text",
  revoked_at: "instant",
  role: "enum:role",
  run_id: "text",
  scopes: "json",
  sdg_indicator: "text",
  sent_at: "instant",
  session_en: "text",
  session_es: "text",
  set_at: "instant",
  set_by_organization_id: "ref:organizations",
  set_by_role: "enum:role",
  sex: "text",
  sha256: "text",
  share_percentage: "number",
  size_bytes: "number",
  slug: "text",
  source: "text",
  source_citation: "text",
  source_kind: "text",
  source_name: "text",
  source_url: "text",
  stage: "text",
  start_date: "date",
  started_at: "instant",
  started_by: "text",
  starts_at: "text",
  starts_on: "date",
  status: "text",
  summary: "text",
  summary_en: "text",
  summary_es: "text",
  support_kind: "enum:supportKind",
  symbol: "text",
  target_id: "text",
  target_value: "number",
  target_year: "number",
  text_en: "text",
  text_es: "text",
  title: "text",
  title_en: "text",
  title_es: "text",
  to_status: "enum:status",
  totp_enabled: "boolean",
  trigger: "text",
  unit: "text",
  url: "text",
  usd_minor: "usd",
  usd_per_unit: "number",
  used_at: "instant",
  user_id: "text",
  value: "number",
  value_date: "date",
  website: "text",
  what: "text",
  why: "text",
  year: "number",
} as const satisfies Record<string, AuditValueKind>;
export type AuditColumn = keyof typeof auditColumns;

/** Where one table's column holds a closed list the others' column of that name does not. */
const tableOverrides: Record<string, Record<string, AuditValueKind>> = {
  initiatives: { status: "enum:status" },
  organizations: { kind: "enum:orgKind" },
};

/** The kind of a column's values in one table; unknown columns read as text. */
export function auditValueKind(table: string, column: string): AuditValueKind {
  return (
    tableOverrides[table]?.[column] ??
    (isAuditColumn(column) ? auditColumns[column] : ("text" as const))
  );
}

/**
 * Columns shown to no one: secrets the triggers already leave out (kept here so that a trigger
 * that forgot one still shows nothing), and bookkeeping that says nothing to a reader.
 */
export const hiddenAuditColumns: readonly string[] = [
  "password_hash",
  "token_hash",
  "code_hash",
  "totp_secret",
  "bytes",
  "id",
  "seq",
  "version",
  "updated_at",
  "illustrative_fields",
];

/**
 * Columns that name or point to a person: shown to the secretariat and administrators only,
 * whatever the table.
 */
export const personalAuditColumns: readonly string[] = [
  "email",
  "name",
  "actor",
  "actor_user_id",
  "head_name",
  "recorded_by",
  "recorded_by_user_id",
  "requested_by",
  "requested_by_user_id",
  "decided_by",
  "decided_by_user_id",
  "issued_by",
  "issued_by_user_id",
  "started_by",
  "reported_by",
  "user_id",
];

/**
 * The records whose history the public reads, each while the record itself is public: an
 * initiative once published (its drafts' history stays with its country and staff).
 */
export const publicAuditTables = ["initiatives"] as const;
export type PublicAuditTable = (typeof publicAuditTables)[number];
export const isPublicAuditTable = (table: string): table is PublicAuditTable =>
  (publicAuditTables as readonly string[]).includes(table);

export const isAuditColumn = (column: string): column is AuditColumn =>
  Object.hasOwn(auditColumns, column) && !hiddenAuditColumns.includes(column);

/** The part of a row image a reader may see: known columns, not hidden, not personal unless `staff`. */
export function visibleImage(
  image: Record<string, unknown> | null,
  staff: boolean,
): Record<string, unknown> | null {
  if (image === null) return null;
  const shown: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(image)) {
    if (hiddenAuditColumns.includes(column)) continue;
    if (!staff && (!isAuditColumn(column) || personalAuditColumns.includes(column))) continue;
    shown[column] = value;
  }
  return shown;
}
