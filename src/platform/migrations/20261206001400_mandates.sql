-- migrate:up
-- The resolution's follow-up: each operative paragraph of an OAS General Assembly
-- resolution is a mandate, with a status per reporting period, evidence and the initiatives
-- that answer it. Resolutions are data (esca import resolution FILE), so the lists below
-- match src/contracts/enum-values.ts (mandateAddressees, mandateStatuses, evidenceKinds).
create table resolutions (
  id uuid primary key default gen_random_uuid(),
  symbol text not null unique,
  title_es text not null,
  title_en text not null,
  adopted_on date not null,
  session_es text not null,
  session_en text not null,
  source text,
  created_at timestamptz not null default now()
);

create table resolution_periods (
  resolution_id uuid not null references resolutions (id) on delete cascade,
  code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'),
  label_es text not null,
  label_en text not null,
  starts_on date not null,
  ends_on date not null,
  check (starts_on <= ends_on),
  primary key (resolution_id, code)
);

create table mandates (
  id uuid primary key default gen_random_uuid(),
  resolution_id uuid not null references resolutions (id) on delete cascade,
  paragraph integer not null check (paragraph between 1 and 999),
  text_en text not null,
  -- The official text is the English one; Spanish is ESCA Hub's unofficial translation.
  text_es text not null,
  addressees jsonb not null
    check (jsonb_typeof(addressees) = 'array' and jsonb_array_length(addressees) > 0 and addressees <@
      '["member_states", "central_american_states", "general_secretariat", "permanent_council",
        "general_assembly", "oas_organs", "international_organizations", "international_community",
        "group_of_friends", "all_sectors_of_society"]'::jsonb),
  reporting_body text not null check (reporting_body in ('member_states',
    'central_american_states', 'general_secretariat', 'permanent_council', 'general_assembly',
    'oas_organs', 'international_organizations', 'international_community', 'group_of_friends',
    'all_sectors_of_society')),
  due_session_es text not null,
  due_session_en text not null,
  due_on date not null,
  unique (resolution_id, paragraph)
);

-- The status of a mandate in one reporting period; each change is in the audit trail
-- (the history the API shows is read from it), with who set it as organization and role.
create table mandate_statuses (
  id uuid primary key default gen_random_uuid(),
  mandate_id uuid not null references mandates (id) on delete cascade,
  period_code text not null,
  status text not null check (status in ('not_started', 'in_progress', 'implemented',
    'not_applicable')),
  note text,
  illustrative boolean not null default false,
  set_by_organization_id uuid references organizations (id),
  set_by_role text,
  set_at timestamptz not null default now(),
  version integer not null default 1,
  unique (mandate_id, period_code)
);

create table mandate_evidence (
  id uuid primary key default gen_random_uuid(),
  mandate_id uuid not null references mandates (id) on delete cascade,
  period_code text,
  kind text not null check (kind in ('initiative', 'flow', 'conference', 'support_request',
    'report', 'practice')),
  target_id uuid not null,
  note text,
  illustrative boolean not null default false,
  added_at timestamptz not null default now(),
  unique (mandate_id, kind, target_id)
);

-- Which initiatives answer which paragraph, set by the secretariat.
create table mandate_initiatives (
  mandate_id uuid not null references mandates (id) on delete cascade,
  initiative_id uuid not null references initiatives (id) on delete cascade,
  illustrative boolean not null default false,
  linked_at timestamptz not null default now(),
  primary key (mandate_id, initiative_id)
);
create index mandate_initiatives_initiative on mandate_initiatives (initiative_id);

-- Audited like every domain table: one trigger per statement (20261129200000).
do $$
declare
  t text;
begin
  foreach t in array array['resolutions', 'resolution_periods', 'mandates', 'mandate_statuses',
    'mandate_evidence', 'mandate_initiatives']
  loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows
      for each statement execute function audit_statement_change()', t || '_audit_insert', t);
    execute format('create trigger %I after update on %I
      referencing old table as old_rows new table as new_rows
      for each statement execute function audit_statement_change()', t || '_audit_update', t);
    execute format('create trigger %I after delete on %I referencing old table as old_rows
      for each statement execute function audit_statement_change()', t || '_audit_delete', t);
  end loop;
end;
$$;

-- migrate:down
drop table mandate_initiatives;
drop table mandate_evidence;
drop table mandate_statuses;
drop table mandates;
drop table resolution_periods;
drop table resolutions;
