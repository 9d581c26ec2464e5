-- migrate:up
-- Issue 14: indicators carry which way is better, their source and SDG indicator; observations
-- carry notes and a disaggregation (by sex, where given), and one value per country and year
-- *per source*, so a newer release sits beside an older one instead of silently replacing it.
-- Results frameworks: an initiative's own output and outcome indicators, their baseline,
-- targets per year and the actuals its focal point reports per year with evidence.

alter table indicators add column direction text not null default 'lower_is_better'
  check (direction in ('lower_is_better', 'higher_is_better'));
alter table indicators add column source text check (length(source) between 1 and 1000);
alter table indicators add column sdg_indicator text
  check (sdg_indicator ~ '^[0-9]{1,2}\.[0-9a-z]{1,2}\.[0-9]{1,2}$');

alter table indicator_observations add column sex text not null default 'total'
  check (sex in ('total', 'female', 'male'));
alter table indicator_observations add column notes text check (length(notes) between 1 and 2000);
alter table indicator_observations
  drop constraint indicator_observations_indicator_id_country_iso2_year_key;
create unique index indicator_observations_series
  on indicator_observations (indicator_id, country_iso2, year, sex, source);

create table results_indicators (
  id uuid primary key default gen_random_uuid(),
  initiative_id uuid not null references initiatives (id) on delete cascade,
  code text not null check (code ~ '^[A-Z0-9][A-Z0-9.-]{0,15}$'),
  level text not null check (level in ('output', 'outcome')),
  name_es text not null check (length(name_es) between 1 and 300),
  name_en text not null check (length(name_en) between 1 and 300),
  unit text not null check (length(unit) between 1 and 200),
  direction text not null check (direction in ('lower_is_better', 'higher_is_better')),
  baseline_value numeric(24, 10),
  baseline_year integer check (baseline_year between 1900 and 2200),
  national_indicator_id uuid references indicators (id),
  illustrative boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (initiative_id, code),
  check ((baseline_value is null) = (baseline_year is null))
);

create table results_targets (
  id uuid primary key default gen_random_uuid(),
  results_indicator_id uuid not null references results_indicators (id) on delete cascade,
  year integer not null check (year between 1900 and 2200),
  value numeric(24, 10) not null,
  unique (results_indicator_id, year)
);

-- One actual per indicator and year: reporting it again corrects it (version + 1, audited).
create table results_actuals (
  id uuid primary key default gen_random_uuid(),
  results_indicator_id uuid not null references results_indicators (id) on delete cascade,
  year integer not null check (year between 1900 and 2200),
  value numeric(24, 10) not null,
  evidence text not null check (length(evidence) between 1 and 2000),
  evidence_url text check (evidence_url ~ '^https?://' and length(evidence_url) <= 2000),
  notes text check (length(notes) between 1 and 2000),
  reported_by uuid references users (id),
  reporter_organization_id uuid references organizations (id),
  reporter_role text check (reporter_role in ('focal_point', 'partner', 'secretariat', 'admin',
    'body_officer')),
  illustrative boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (results_indicator_id, year)
);

select audit_attach(t) from unnest(array['results_indicators', 'results_targets', 'results_actuals']) as t;

-- migrate:down
drop table results_actuals;
drop table results_targets;
drop table results_indicators;
drop index indicator_observations_series;
delete from indicator_observations o using indicator_observations newer
  where o.indicator_id = newer.indicator_id and o.country_iso2 = newer.country_iso2
    and o.year = newer.year and (o.sex <> 'total' or o.created_at < newer.created_at);
alter table indicator_observations add constraint indicator_observations_indicator_id_country_iso2_year_key
  unique (indicator_id, country_iso2, year);
alter table indicator_observations drop column notes;
alter table indicator_observations drop column sex;
alter table indicators drop column sdg_indicator;
alter table indicators drop column source;
alter table indicators drop column direction;
