import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type {
  ConferenceDocumentKind,
  ConferenceStatus,
  DelegationLevel,
} from "../../contracts/conferences.ts";
import type { Language, OasBodyKind, OverrideRequestStatus } from "../../contracts/enum-values.ts";
import type {
  FinanceType,
  FlowType,
  InitiativeStatus,
  OrganizationKind,
  RateBasis,
  SupportKind,
  SupportRequestAction,
  SupportRequestStatus,
} from "../../contracts/enums.ts";
import type {
  IndicatorDirection,
  ObservationSex,
  ResultsLevel,
} from "../../contracts/indicators.ts";
import type { EvidenceKind, MandateAddressee, MandateStatus } from "../../contracts/mandates.ts";
import type { ReminderRule } from "../../contracts/reminders.ts";
import type { ReportFormat, ReportJobStage, ReportLanguage } from "../../contracts/reports.ts";
import type { Role } from "../../contracts/roles.ts";

/**
 * The database as Kysely sees it; kept in step with src/platform/migrations/*.sql, and
 * schema-drift.test.ts fails when the two differ (tables, columns, nullability, and the values
 * a CHECK (… in (…)) allows, typed here as their unions).
 * int8 columns decode to bigint, numeric to string, date to "YYYY-MM-DD" (type-parsers.ts).
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Version = ColumnType<number, number | undefined, number>;

export interface OrganizationsTable {
  id: Generated<string>;
  code: string;
  kind: OrganizationKind;
  name_es: string;
  name_en: string;
  acronym: string | null;
  country_iso2: string | null;
  iati_org_id: string | null;
  group_of_friends: Generated<boolean>;
  website: string | null;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StrategyComponentsTable {
  id: Generated<string>;
  code: string;
  name_es: string;
  name_en: string;
  description_es: string | null;
  description_en: string | null;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LinesOfActionTable {
  id: Generated<string>;
  component_id: string;
  code: string;
  name_es: string;
  name_en: string;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ExchangeRatesTable {
  currency: string;
  rate_date: string;
  usd_per_unit: string;
  /** daily | monthly_average | annual_average | peg (migration 20261205212000). */
  basis: ColumnType<RateBasis, RateBasis | undefined, RateBasis>;
  source: string;
  updated_at: Timestamp;
}

export interface InitiativesTable {
  id: Generated<string>;
  code: string;
  title_es: string | null;
  title_en: string | null;
  summary_es: string | null;
  summary_en: string | null;
  component_id: string;
  line_of_action_id: string | null;
  lead_country: string;
  executing_agency_id: string | null;
  budget_amount_minor: bigint;
  budget_currency: string;
  budget_value_date: string;
  budget_usd_minor: bigint;
  budget_fx_rate: string;
  budget_fx_date: string;
  start_date: string | null;
  end_date: string | null;
  status: Generated<InitiativeStatus>;
  published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  illustrative: Generated<boolean>;
  /** jsonb: the fields made up in an otherwise sourced record (20261206000800). */
  illustrative_fields: ColumnType<string[], string | undefined, string>;
  source: string | null;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InitiativeCountriesTable {
  initiative_id: string;
  country_iso2: string;
  /** numeric(5,2): the country's share of the budget; null where the initiative does not say. */
  share_percentage: string | null;
}

export interface InitiativeSectorsTable {
  initiative_id: string;
  dac_code: string;
  percentage: string;
}

export interface InitiativeTransitionsTable {
  id: Generated<string>;
  initiative_id: string;
  from_status: InitiativeStatus | null;
  to_status: InitiativeStatus;
  actor: string;
  reason: string | null;
  funding_override_reason: string | null;
  actor_user_id: ColumnType<string | null, string | null | undefined, never>;
  at: Timestamp;
  /** When the step took effect, if not the day it was entered (20261206000801). */
  effective_on: ColumnType<string | null, string | null | undefined, never>;
  /** Commit order of the history (20261128160100_initiatives.sql). */
  seq: ColumnType<bigint, never, never>;
}

export interface ConferencesTable {
  id: Generated<string>;
  code: string;
  name_es: string;
  name_en: string;
  city: string;
  country_iso2: string;
  start_date: string;
  end_date: string;
  source: string | null;
  /** A draft until the secretariat publishes it (20261207003000). */
  status: ColumnType<ConferenceStatus, ConferenceStatus | undefined, ConferenceStatus>;
  published_at: Timestamp | null;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A conference's programme, delegations, documents and ¶2 contributions (20261207003000). */
export interface ConferenceSessionsTable {
  id: Generated<string>;
  conference_id: string;
  day: string;
  /** "HH:MM", local to the venue. */
  starts_at: string;
  ends_at: string;
  title_es: string;
  title_en: string;
  chair_organization_id: string | null;
  chair_role_es: string | null;
  chair_role_en: string | null;
  illustrative: Generated<boolean>;
  source: string | null;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConferenceDelegationsTable {
  id: Generated<string>;
  conference_id: string;
  organization_id: string;
  level: DelegationLevel;
  head_title_es: string;
  head_title_en: string;
  head_name: string | null;
  head_name_published: Generated<boolean>;
  illustrative: Generated<boolean>;
  source: string | null;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConferenceDocumentsTable {
  id: Generated<string>;
  conference_id: string;
  kind: ConferenceDocumentKind;
  title_es: string;
  title_en: string;
  url: string;
  issued_on: string | null;
  source: string | null;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConferenceContributionsTable {
  id: Generated<string>;
  conference_id: string;
  organization_id: string;
  description_es: string;
  description_en: string;
  contributed_on: string | null;
  illustrative: Generated<boolean>;
  source: string | null;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupOfFriendsJoinsTable {
  organization_id: string;
  joined_on: string;
  illustrative: Generated<boolean>;
  source: string | null;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IndicatorsTable {
  id: Generated<string>;
  code: string;
  name_es: string;
  name_en: string;
  unit: string;
  /** Which way is better; lower for the demo's homicide rate (20261207007000). */
  direction: ColumnType<IndicatorDirection, IndicatorDirection | undefined, IndicatorDirection>;
  source: string | null;
  sdg_indicator: string | null;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IndicatorObservationsTable {
  id: Generated<string>;
  indicator_id: string;
  country_iso2: string;
  year: number;
  value: string;
  source: string;
  sex: ColumnType<ObservationSex, ObservationSex | undefined, ObservationSex>;
  notes: string | null;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InitiativeTargetsTable {
  initiative_id: string;
  indicator_id: string;
  baseline_value: string | null;
  baseline_year: number | null;
  target_value: string;
  target_year: number;
}

/** An initiative's own output and outcome indicators (20261207007000). */
export interface ResultsIndicatorsTable {
  id: Generated<string>;
  initiative_id: string;
  code: string;
  level: ResultsLevel;
  name_es: string;
  name_en: string;
  unit: string;
  direction: IndicatorDirection;
  baseline_value: string | null;
  baseline_year: number | null;
  national_indicator_id: string | null;
  illustrative: Generated<boolean>;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResultsTargetsTable {
  id: Generated<string>;
  results_indicator_id: string;
  year: number;
  value: string;
}

export interface ResultsActualsTable {
  id: Generated<string>;
  results_indicator_id: string;
  year: number;
  value: string;
  evidence: string;
  evidence_url: string | null;
  notes: string | null;
  reported_by: string | null;
  reporter_organization_id: string | null;
  reporter_role: Role | null;
  illustrative: Generated<boolean>;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SupportFlowsTable {
  id: Generated<string>;
  seq: ColumnType<bigint, never, never>;
  flow_type: FlowType;
  support_kind: SupportKind;
  partner_id: string;
  initiative_id: string | null;
  /** null for support allocated to no initiative and no component (20261206001000). */
  component_id: string | null;
  description: string | null;
  amount_minor: bigint | null;
  currency: string | null;
  value_date: string;
  usd_minor: bigint | null;
  fx_rate: string | null;
  fx_date: string | null;
  pledge_id: string | null;
  commitment_id: string | null;
  reverses_id: string | null;
  conference_id: string | null;
  /** The session a pledge was announced at, of conference_id (20261207003000). */
  conference_session_id: string | null;
  over_commitment_reason: string | null;
  /** IATI FinanceType code, null where the source does not say (20261206001000). */
  finance_type: FinanceType | null;
  illustrative: Generated<boolean>;
  /** jsonb: the fields made up in an otherwise sourced entry (20261206000800). */
  illustrative_fields: ColumnType<string[], string | undefined, never>;
  source: string | null;
  note: string | null;
  recorded_by: string;
  recorded_by_user_id: ColumnType<string | null, string | null | undefined, never>;
  recorded_at: Timestamp;
}

/**
 * The ledger summed per flow type, partner, initiative, component and finance type, kept by
 * the ledger's insert trigger (20261209000000). Written only by it.
 */
export interface SupportFlowSumsTable {
  flow_type: FlowType;
  partner_id: string;
  initiative_id: string | null;
  component_id: string | null;
  finance_type: string | null;
  /** numeric: the sum of usd_minor; null while every entry summed has no value. */
  usd_minor: string | null;
  entries: bigint;
}

/** As SupportFlowSumsTable, by year of the value date too. */
export interface SupportFlowSumsByYearTable extends SupportFlowSumsTable {
  year: number;
}

/** A partner's request to disburse above its commitment (20261206001100). */
export interface OverDisbursementRequestsTable {
  id: Generated<string>;
  partner_id: string;
  initiative_id: string;
  commitment_id: string | null;
  amount_minor: bigint;
  currency: string;
  value_date: string;
  reason: string;
  status: ColumnType<
    OverrideRequestStatus,
    OverrideRequestStatus | undefined,
    OverrideRequestStatus
  >;
  requested_by: string;
  requested_by_user_id: string | null;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_by_user_id: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  flow_id: string | null;
}

/** The directory of OAS organs, agencies and entities (20261206001500). */
export interface OasBodiesTable {
  organization_id: string;
  parent_id: string | null;
  body_kind: OasBodyKind;
  mandate_es: string;
  mandate_en: string;
  contact_role_es: string;
  contact_role_en: string;
  source: string | null;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OasBodyComponentsTable {
  organization_id: string;
  component_id: string;
}

export interface OasBodyLinesTable {
  organization_id: string;
  line_of_action_id: string;
}

export interface SupportRequestsTable {
  id: Generated<string>;
  initiative_id: string;
  country_iso2: string;
  body_id: string;
  what: string;
  why: string;
  needed_by: string | null;
  resolution_symbol: string;
  paragraph: number;
  status: Generated<SupportRequestStatus>;
  flow_id: string | null;
  illustrative: Generated<boolean>;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SupportRequestStepsTable {
  id: Generated<string>;
  request_id: string;
  action: SupportRequestAction;
  actor_user_id: string | null;
  actor_organization_id: string | null;
  actor_role: Role | null;
  note: string | null;
  at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  organization_id: string;
  role: Role;
  active: Generated<boolean>;
  password_hash: string;
  password_changed_at: Timestamp;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  is_demo: Generated<boolean>;
  /** The language the user reads ESCA Hub's e-mail in (20261207005000). */
  language: ColumnType<Language, Language | undefined, Language>;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  totp_verified: Generated<boolean>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Date | null;
  client_address: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  organization_id: string;
  /** The role its user had when it was created: it never acts with more. */
  role: Role;
  name: string;
  prefix: string;
  token_hash: string;
  scopes: string[];
  created_at: Timestamp;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface TotpUsedStepsTable {
  user_id: string;
  step: ColumnType<bigint, number, number>;
}

/** A second factor's single-use recovery codes, by their SHA-256 (20261208050000). */
export interface TotpRecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  created_at: Timestamp;
  used_at: Date | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: Generated<number>;
  last_failure_at: Date | null;
  blocked_until: Date | null;
}

/** IATI exchange (20261128170000_iati.sql). */
type Json = ColumnType<unknown, string, string>;

export interface IatiPublicationsTable {
  id: Generated<string>;
  publisher_ref: string;
  /** Null only while staging: a new partner is created when the publication becomes current. */
  partner_id: string | null;
  file_name: string;
  file_sha256: string;
  iati_version: string;
  generated_datetime: string | null;
  activity_count: Generated<number>;
  transaction_count: Generated<number>;
  budget_count: Generated<number>;
  skipped_count: Generated<number>;
  imported_by: string;
  imported_at: Timestamp;
  /** Readers see only current publications; staging ones are imports still writing. */
  state: Generated<"staging" | "current">;
  /** A staging publication's heartbeat: the last time its import wrote. */
  staged_at: Timestamp | null;
}

export interface IatiActivitiesTable {
  id: Generated<string>;
  publication_id: string;
  iati_identifier: string;
  line: number;
  title_es: string | null;
  title_en: string | null;
  titles: Json;
  descriptions: Json;
  activity_status: string | null;
  default_currency: string | null;
  start_date: string | null;
  end_date: string | null;
  dates: Json;
  participating_orgs: Json;
  sectors: Json;
  countries: Json;
  regions: Json;
  related_activities: Json;
  other_identifiers: Json;
  initiative_id: string | null;
  link_source: "mapping" | "related-activity" | "other-identifier" | null;
  last_updated: string | null;
}

export interface IatiTransactionsTable {
  activity_id: string;
  /** Its place among its activity's transactions, from 0 in file order. */
  seq: number;
  line: number;
  ref: string | null;
  type_code: number;
  transaction_date: string;
  value_date: string;
  value_text: string;
  amount_minor: bigint;
  currency: string;
  usd_minor: bigint | null;
  fx_rate: string | null;
  fx_date: string | null;
  provider_ref: string | null;
  receiver_ref: string | null;
  descriptions: Json;
  /** IATI FinanceType: its own <finance-type>, else the activity's default; null when unstated or unknown. */
  finance_type: FinanceType | null;
}

export interface IatiBudgetsTable {
  activity_id: string;
  /** Its place among its activity's budgets, from 0 in file order. */
  seq: number;
  line: number;
  budget_type: string | null;
  status: string | null;
  period_start: string;
  period_end: string;
  amount_minor: bigint;
  currency: string;
  value_date: string;
  usd_minor: bigint | null;
}

export interface IatiActivityLinksTable {
  iati_identifier: string;
  initiative_id: string;
  created_by: string;
  created_at: Timestamp;
}

export interface IatiLedgerEntriesTable {
  flow_id: string;
  publisher_ref: string;
  entry_key: string;
}

/** Upload jobs and their reports (20261129120000_iati_import_jobs.sql). */
type Int8 = ColumnType<bigint, bigint | number, bigint | number>;
type JsonOrNull = ColumnType<unknown, string | null, string | null>;
type ImportJobState = "running" | "succeeded" | "failed";

export interface IatiImportJobsTable {
  id: string;
  file_name: string;
  file_size: Int8;
  dry_run: boolean;
  state: ColumnType<ImportJobState, ImportJobState | undefined, ImportJobState>;
  phase: "validating" | "importing" | null;
  bytes_read: ColumnType<bigint, bigint | number | undefined, bigint | number>;
  summary: JsonOrNull;
  validation: JsonOrNull;
  error_code: string | null;
  error_message: string | null;
  created_by: string;
  created_by_user_id: string | null;
  created_at: Timestamp;
  heartbeat_at: Timestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/**
 * The hash-chained audit trail (20261128170500_audit.sql). Only the SQL function
 * `audit_append` writes it, so no column is insertable or updatable from TypeScript.
 */
export interface AuditLogTable {
  seq: ColumnType<bigint, never, never>;
  id: ColumnType<string, never, never>;
  at: ColumnType<Date, never, never>;
  actor: ColumnType<string, never, never>;
  actor_user_id: ColumnType<string | null, never, never>;
  organization_id: ColumnType<string | null, never, never>;
  action: ColumnType<string, never, never>;
  entity_type: ColumnType<string, never, never>;
  entity_id: ColumnType<string | null, never, never>;
  before: ColumnType<Record<string, unknown> | null, never, never>;
  after: ColumnType<Record<string, unknown> | null, never, never>;
  request_id: ColumnType<string | null, never, never>;
  client_address: ColumnType<string | null, never, never>;
  prev_hash: ColumnType<string | null, never, never>;
  hash: ColumnType<string, never, never>;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface ResolutionsTable {
  id: Generated<string>;
  symbol: string;
  title_es: string;
  title_en: string;
  adopted_on: string;
  session_es: string;
  session_en: string;
  source: string | null;
  created_at: Timestamp;
}

export interface ResolutionPeriodsTable {
  resolution_id: string;
  code: string;
  label_es: string;
  label_en: string;
  starts_on: string;
  ends_on: string;
}

export interface MandatesTable {
  id: Generated<string>;
  resolution_id: string;
  paragraph: number;
  text_en: string;
  text_es: string;
  /** jsonb: MandateAddressee[] (20261206001400). */
  addressees: ColumnType<MandateAddressee[], string, string>;
  reporting_body: MandateAddressee;
  due_session_es: string;
  due_session_en: string;
  due_on: string;
}

export interface MandateStatusesTable {
  id: Generated<string>;
  mandate_id: string;
  period_code: string;
  status: MandateStatus;
  note: string | null;
  illustrative: Generated<boolean>;
  set_by_organization_id: string | null;
  set_by_role: string | null;
  set_at: Timestamp;
  version: Version;
}

export interface MandateEvidenceTable {
  id: Generated<string>;
  mandate_id: string;
  period_code: string | null;
  kind: EvidenceKind;
  target_id: string;
  note: string | null;
  illustrative: Generated<boolean>;
  added_at: Timestamp;
}

export interface MandateInitiativesTable {
  mandate_id: string;
  initiative_id: string;
  illustrative: Generated<boolean>;
  linked_at: Timestamp;
}

export interface PracticesTable {
  id: Generated<string>;
  slug: string;
  title: string;
  summary: string;
  body: string;
  language: "es" | "en";
  source_kind: "mechanism" | "state";
  source_name: string;
  source_citation: string;
  source_url: string | null;
  illustrative: Generated<boolean>;
  status: ColumnType<"draft" | "published", "draft" | "published" | undefined>;
  published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PracticeCountriesTable {
  practice_id: string;
  country_iso2: string;
}

export interface PracticeComponentsTable {
  practice_id: string;
  component_id: string;
}

export interface PracticeInitiativesTable {
  practice_id: string;
  initiative_id: string;
}

export interface PracticeMandatesTable {
  practice_id: string;
  mandate_id: string;
}

export interface PracticeDocumentsTable {
  practice_id: string;
  position: number;
  title: string;
  url: string;
}

/** The search module's index: written only by the triggers of 20261207008010_search.sql. */
export interface SearchDocumentsTable {
  kind: "initiative" | "partner" | "oas_body" | "mandate" | "practice";
  record_id: string;
  ref: string;
  code: string | null;
  published: boolean;
  language: "es" | "en" | null;
  title_es: string | null;
  title_en: string | null;
  summary_es: string | null;
  summary_en: string | null;
  body_es: string | null;
  body_en: string | null;
  components: ColumnType<string[], string[] | undefined, string[]>;
  countries: ColumnType<string[], string[] | undefined, string[]>;
  words: ColumnType<string[], string[] | undefined, string[]>;
}

/** Reminders: a scheduled run, its snapshot of open items, digests sent (20261207005000). */
export interface ReminderRunsTable {
  id: Generated<string>;
  trigger: "schedule" | "manual";
  job_id: string | null;
  started_by: string;
  started_at: Timestamp;
  finished_at: Date | null;
  as_of: string;
  pledge_months: number;
  commitment_months: number;
  item_count: Generated<number>;
  new_count: Generated<number>;
  digests_sent: Generated<number>;
}

export interface ReminderRunItemsTable {
  run_id: string;
  item_key: string;
  rule: ReminderRule;
  organization_id: string | null;
  since: string;
}

export interface ReminderDigestsTable {
  id: Generated<string>;
  user_id: string;
  run_id: string;
  language: Language;
  item_count: number;
  new_count: number;
  message_id: string | null;
  sent_at: Timestamp;
}

export interface Database {
  organizations: OrganizationsTable;
  strategy_components: StrategyComponentsTable;
  lines_of_action: LinesOfActionTable;
  exchange_rates: ExchangeRatesTable;
  initiatives: InitiativesTable;
  initiative_countries: InitiativeCountriesTable;
  initiative_sectors: InitiativeSectorsTable;
  initiative_transitions: InitiativeTransitionsTable;
  conferences: ConferencesTable;
  conference_sessions: ConferenceSessionsTable;
  conference_delegations: ConferenceDelegationsTable;
  conference_documents: ConferenceDocumentsTable;
  conference_contributions: ConferenceContributionsTable;
  group_of_friends_joins: GroupOfFriendsJoinsTable;
  indicators: IndicatorsTable;
  indicator_observations: IndicatorObservationsTable;
  initiative_targets: InitiativeTargetsTable;
  results_indicators: ResultsIndicatorsTable;
  results_targets: ResultsTargetsTable;
  results_actuals: ResultsActualsTable;
  support_flows: SupportFlowsTable;
  support_flow_sums: SupportFlowSumsTable;
  support_flow_sums_by_year: SupportFlowSumsByYearTable;
  over_disbursement_requests: OverDisbursementRequestsTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
  iati_publications: IatiPublicationsTable;
  iati_activities: IatiActivitiesTable;
  iati_transactions: IatiTransactionsTable;
  iati_budgets: IatiBudgetsTable;
  iati_activity_links: IatiActivityLinksTable;
  iati_ledger_entries: IatiLedgerEntriesTable;
  iati_import_jobs: IatiImportJobsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  totp_used_steps: TotpUsedStepsTable;
  totp_recovery_codes: TotpRecoveryCodesTable;
  resolutions: ResolutionsTable;
  resolution_periods: ResolutionPeriodsTable;
  mandates: MandatesTable;
  mandate_statuses: MandateStatusesTable;
  mandate_evidence: MandateEvidenceTable;
  mandate_initiatives: MandateInitiativesTable;
  oas_bodies: OasBodiesTable;
  oas_body_components: OasBodyComponentsTable;
  oas_body_lines: OasBodyLinesTable;
  support_requests: SupportRequestsTable;
  support_request_steps: SupportRequestStepsTable;
  practices: PracticesTable;
  practice_countries: PracticeCountriesTable;
  practice_components: PracticeComponentsTable;
  practice_initiatives: PracticeInitiativesTable;
  practice_mandates: PracticeMandatesTable;
  practice_documents: PracticeDocumentsTable;
  search_documents: SearchDocumentsTable;
  reminder_runs: ReminderRunsTable;
  reminder_run_items: ReminderRunItemsTable;
  reminder_digests: ReminderDigestsTable;
  reports: ReportsTable;
  report_jobs: ReportJobsTable;
}

/** An issued report, kept for good (20261207006000): its bytes, figures and their hash. */
export interface ReportsTable {
  id: Generated<string>;
  symbol: string;
  as_of: Timestamp;
  language: ReportLanguage;
  format: ReportFormat;
  original_language: ReportLanguage;
  figures: Json;
  sha256: string;
  size_bytes: number;
  /** pg reads a Buffer, PGlite a Uint8Array. */
  bytes: Uint8Array;
  issued_by: string;
  issued_by_user_id: string | null;
  issued_at: Generated<Date>;
}

/** A report being made from the workspace, stage by stage (20261207006000). */
export interface ReportJobsTable {
  id: Generated<string>;
  language: ReportLanguage;
  format: ReportFormat;
  as_of: Timestamp;
  stage: ColumnType<ReportJobStage, ReportJobStage | undefined, ReportJobStage>;
  report_id: string | null;
  error_message: string | null;
  requested_by: string;
  requested_by_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type InitiativeRow = Selectable<InitiativesTable>;
export type SupportFlowRow = Selectable<SupportFlowsTable>;
export type NewSupportFlow = Insertable<SupportFlowsTable>;
/** What a partner's over-disbursement request asks to record, as its row holds it. */
export type RequestedDisbursement = Pick<
  OverDisbursementRequestsTable,
  "partner_id" | "initiative_id" | "commitment_id" | "amount_minor" | "currency" | "value_date"
>;
export type AuditLogRow = Selectable<AuditLogTable>;
