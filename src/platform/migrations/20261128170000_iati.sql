-- migrate:up
-- IATI exchange: partners' imported publications (one per publisher, replaced whole by a newer
-- file), the secretariat's mapping of IATI activities to initiatives, and which ledger entries
-- an import recorded, so that a newer file is applied to the ledger by reversals.

create table iati_publications (
  id uuid primary key default gen_random_uuid(),
  publisher_ref text not null unique,
  partner_id uuid not null references organizations (id),
  file_name text not null,
  file_sha256 char(64) not null,
  iati_version text not null,
  generated_datetime text,
  activity_count integer not null default 0,
  transaction_count integer not null default 0,
  budget_count integer not null default 0,
  skipped_count integer not null default 0,
  imported_by text not null,
  imported_at timestamptz not null default now()
);

create table iati_activities (
  id uuid primary key default gen_random_uuid(),
  publication_id uuid not null references iati_publications (id) on delete cascade,
  iati_identifier text not null,
  line integer not null,
  title_es text,
  title_en text,
  -- Narratives as published, every language kept: [{"lang": "fr", "text": "…"}].
  titles jsonb not null,
  descriptions jsonb not null,
  activity_status text,
  default_currency char(3),
  start_date date,
  end_date date,
  dates jsonb not null,
  participating_orgs jsonb not null,
  sectors jsonb not null,
  countries jsonb not null,
  regions jsonb not null,
  related_activities jsonb not null,
  other_identifiers jsonb not null,
  initiative_id uuid references initiatives (id),
  link_source text check (link_source in ('mapping', 'related-activity', 'other-identifier')),
  last_updated text,
  unique (publication_id, iati_identifier)
);
create index iati_activities_identifier on iati_activities (iati_identifier);
create index iati_activities_initiative on iati_activities (initiative_id);

create table iati_transactions (
  id bigint generated always as identity primary key,
  activity_id uuid not null references iati_activities (id) on delete cascade,
  line integer not null,
  ref text,
  type_code smallint not null check (type_code between 1 and 13),
  transaction_date date not null,
  value_date date not null,
  value_text text not null,
  amount_minor bigint not null,
  currency char(3) not null,
  -- Null when no rate covers the value date: reported per row, kept out of the ledger.
  usd_minor bigint,
  fx_rate numeric(24, 12),
  fx_date date,
  provider_ref text,
  receiver_ref text,
  descriptions jsonb not null
);
create index iati_transactions_activity on iati_transactions (activity_id);

create table iati_budgets (
  id bigint generated always as identity primary key,
  activity_id uuid not null references iati_activities (id) on delete cascade,
  line integer not null,
  budget_type text,
  status text,
  period_start date not null,
  period_end date not null,
  amount_minor bigint not null,
  currency char(3) not null,
  value_date date not null,
  usd_minor bigint
);
create index iati_budgets_activity on iati_budgets (activity_id);

-- The secretariat's mapping: this IATI activity (of any publisher) supports that initiative.
create table iati_activity_links (
  iati_identifier text primary key,
  initiative_id uuid not null references initiatives (id),
  created_by text not null,
  created_at timestamptz not null default now()
);

-- Ledger entries an import recorded, keyed by what they were recorded from.
create table iati_ledger_entries (
  flow_id uuid primary key references support_flows (id),
  publisher_ref text not null,
  entry_key text not null
);
create index iati_ledger_entries_publisher on iati_ledger_entries (publisher_ref);

-- migrate:down
drop table iati_ledger_entries;
drop table iati_activity_links;
drop table iati_budgets;
drop table iati_transactions;
drop table iati_activities;
drop table iati_publications;
