import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/**
 * The database as Kysely sees it; kept in step with src/platform/migrations/*.sql.
 * int8 columns decode to bigint, numeric to string, date to "YYYY-MM-DD" (type-parsers.ts).
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Version = ColumnType<number, number | undefined, number>;

export interface OrganizationsTable {
  id: Generated<string>;
  code: string;
  kind: string;
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
  status: Generated<string>;
  illustrative: Generated<boolean>;
  source: string | null;
  version: Version;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InitiativeCountriesTable {
  initiative_id: string;
  country_iso2: string;
}

export interface InitiativeSectorsTable {
  initiative_id: string;
  dac_code: string;
  percentage: string;
}

export interface InitiativeTransitionsTable {
  id: Generated<string>;
  initiative_id: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  reason: string | null;
  funding_override_reason: string | null;
  at: Timestamp;
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

export interface SupportFlowsTable {
  id: Generated<string>;
  seq: ColumnType<bigint, never, never>;
  flow_type: string;
  support_kind: string;
  partner_id: string;
  initiative_id: string | null;
  component_id: string;
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
  over_commitment_reason: string | null;
  illustrative: Generated<boolean>;
  source: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Timestamp;
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
  indicators: IndicatorsTable;
  indicator_observations: IndicatorObservationsTable;
  initiative_targets: InitiativeTargetsTable;
  support_flows: SupportFlowsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type InitiativeRow = Selectable<InitiativesTable>;
export type SupportFlowRow = Selectable<SupportFlowsTable>;
export type NewSupportFlow = Insertable<SupportFlowsTable>;
