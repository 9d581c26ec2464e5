-- migrate:up
-- The core of ESCA Hub: organizations, the strategy tree, initiatives and their lifecycle,
-- the append-only funding ledger, exchange rates, indicators and the 2011 conference.
-- Plain SQL that runs unchanged on PostgreSQL 15+ and on PGlite.

create table organizations (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[A-Z0-9][A-Z0-9-]{0,31}$'),
  kind text not null check (kind in ('member_state', 'partner_government', 'international_org',
    'oas_body', 'sica_body', 'civil_society')),
  name_es text not null check (length(name_es) between 1 and 300),
  name_en text not null check (length(name_en) between 1 and 300),
  acronym text,
  country_iso2 char(2) check (country_iso2 ~ '^[A-Z]{2}$'),
  iati_org_id text unique,
  group_of_friends boolean not null default false,
  website text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- A member state is identified by its country: one organization per member country.
create unique index organizations_member_state_country on organizations (country_iso2)
  where kind = 'member_state';

create table strategy_components (
  id uuid primary key default gen_random_uuid(),
  code char(1) not null unique check (code ~ '^[A-Z]$'),
  name_es text not null,
  name_en text not null,
  description_es text,
  description_en text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table lines_of_action (
  id uuid primary key default gen_random_uuid(),
  component_id uuid not null references strategy_components (id),
  code text not null unique check (code ~ '^[A-Z]{2}$'),
  name_es text not null,
  name_en text not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index lines_of_action_component on lines_of_action (component_id);

create table exchange_rates (
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  rate_date date not null,
  -- US dollars for one unit of the currency, e.g. EUR on 2011-06-22: 1.4385
  usd_per_unit numeric(24, 12) not null check (usd_per_unit > 0),
  source text not null,
  updated_at timestamptz not null default now(),
  primary key (currency, rate_date)
);

create table initiatives (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[A-Z0-9][A-Z0-9.-]{0,31}$'),
  title_es text,
  title_en text,
  summary_es text,
  summary_en text,
  component_id uuid not null references strategy_components (id),
  line_of_action_id uuid references lines_of_action (id),
  lead_country char(2) not null,
  executing_agency_id uuid references organizations (id),
  budget_amount_minor bigint not null check (budget_amount_minor >= 0),
  budget_currency char(3) not null,
  budget_value_date date not null,
  -- Converted once, when the budget is written, with the rate of its value date.
  budget_usd_minor bigint not null check (budget_usd_minor >= 0),
  budget_fx_rate numeric(24, 12) not null,
  budget_fx_date date not null,
  start_date date,
  end_date date,
  status text not null default 'draft' check (status in ('draft', 'submitted', 'endorsed',
    'seeking_funding', 'in_execution', 'completed', 'rejected', 'cancelled')),
  illustrative boolean not null default false,
  source text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (title_es is not null or title_en is not null),
  check (end_date is null or start_date is null or end_date >= start_date)
);
create index initiatives_component on initiatives (component_id);
create index initiatives_lead_country on initiatives (lead_country);
create index initiatives_status on initiatives (status);

create table initiative_countries (
  initiative_id uuid not null references initiatives (id) on delete cascade,
  country_iso2 char(2) not null,
  primary key (initiative_id, country_iso2)
);

create table initiative_sectors (
  initiative_id uuid not null references initiatives (id) on delete cascade,
  dac_code char(5) not null check (dac_code ~ '^[0-9]{5}$'),
  percentage numeric(5, 2) not null check (percentage > 0 and percentage <= 100),
  primary key (initiative_id, dac_code)
);

create table initiative_transitions (
  id uuid primary key default gen_random_uuid(),
  initiative_id uuid not null references initiatives (id),
  from_status text,
  to_status text not null,
  actor text not null,
  reason text,
  funding_override_reason text,
  at timestamptz not null default now()
);
create index initiative_transitions_initiative on initiative_transitions (initiative_id, at);

create table conferences (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name_es text not null,
  name_en text not null,
  city text not null,
  country_iso2 char(2) not null,
  start_date date not null,
  end_date date not null,
  source text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table indicators (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name_es text not null,
  name_en text not null,
  unit text not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table indicator_observations (
  id uuid primary key default gen_random_uuid(),
  indicator_id uuid not null references indicators (id),
  country_iso2 char(2) not null,
  year integer not null check (year between 1900 and 2200),
  value numeric(20, 6) not null,
  source text not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (indicator_id, country_iso2, year)
);

-- Results framework: what an initiative means to move, per indicator.
create table initiative_targets (
  initiative_id uuid not null references initiatives (id) on delete cascade,
  indicator_id uuid not null references indicators (id),
  baseline_value numeric(20, 6),
  baseline_year integer,
  target_value numeric(20, 6) not null,
  target_year integer not null,
  primary key (initiative_id, indicator_id)
);

-- The funding ledger. Rows are append-only: a correction is a reversal row that names the
-- row it reverses and carries the negated amounts. Triggers below refuse UPDATE, DELETE
-- and TRUNCATE, so not even a direct SQL session can edit history.
create table support_flows (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity unique,
  flow_type text not null check (flow_type in ('offer', 'pledge', 'commitment', 'disbursement')),
  support_kind text not null check (support_kind in ('financial', 'technical')),
  partner_id uuid not null references organizations (id),
  initiative_id uuid references initiatives (id),
  component_id uuid not null references strategy_components (id),
  description text,
  amount_minor bigint,
  currency char(3),
  value_date date not null,
  usd_minor bigint,
  fx_rate numeric(24, 12),
  fx_date date,
  pledge_id uuid references support_flows (id),
  commitment_id uuid references support_flows (id),
  reverses_id uuid unique references support_flows (id),
  conference_id uuid references conferences (id),
  over_commitment_reason text,
  illustrative boolean not null default false,
  source text,
  note text,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  check ((amount_minor is null) = (currency is null)),
  check ((amount_minor is null) = (usd_minor is null)),
  check (support_kind = 'technical' or amount_minor is not null),
  check (support_kind = 'financial' or description is not null),
  check (reverses_id is not null or amount_minor is null or amount_minor > 0),
  check (pledge_id is null or flow_type = 'commitment'),
  check (commitment_id is null or flow_type = 'disbursement')
);
create index support_flows_initiative_partner on support_flows (initiative_id, partner_id);
create index support_flows_component on support_flows (component_id);
create index support_flows_partner on support_flows (partner_id);

create function refuse_ledger_change() returns trigger language plpgsql as $$
begin
  raise exception 'support_flows is append-only: correct an entry with a reversal'
    using errcode = 'P0001', hint = 'esca:ledger_immutable';
end;
$$;

create trigger support_flows_no_update before update or delete on support_flows
  for each row execute function refuse_ledger_change();
create trigger support_flows_no_truncate before truncate on support_flows
  for each statement execute function refuse_ledger_change();

-- migrate:down
drop table support_flows;
drop function refuse_ledger_change();
drop table initiative_targets;
drop table indicator_observations;
drop table indicators;
drop table conferences;
drop table initiative_transitions;
drop table initiative_sectors;
drop table initiative_countries;
drop table initiatives;
drop table exchange_rates;
drop table lines_of_action;
drop table strategy_components;
drop table organizations;
