-- migrate:up
-- AG/RES. 2626 ¶7–¶8: the OAS organs, agencies and entities as a directory, and the support
-- requests member states' focal points address to them. A body's officer (role
-- body_officer) belongs to one OAS body and answers the requests addressed to it.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('focal_point', 'partner', 'secretariat', 'admin', 'body_officer'));
alter table api_tokens drop constraint api_tokens_role_check;
alter table api_tokens add constraint api_tokens_role_check
  check (role in ('focal_point', 'partner', 'secretariat', 'admin', 'body_officer'));

-- What a body of kind oas_body does for the strategy. The contact is a role ("Executive
-- Secretary, CICAD"), never a person's address: the directory is public.
create table oas_bodies (
  organization_id uuid primary key references organizations (id),
  parent_id uuid references organizations (id),
  mandate_es text not null check (length(mandate_es) between 1 and 2000),
  mandate_en text not null check (length(mandate_en) between 1 and 2000),
  contact_role_es text not null check (length(contact_role_es) between 1 and 200),
  contact_role_en text not null check (length(contact_role_en) between 1 and 200),
  source text check (length(source) <= 1000),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (parent_id is distinct from organization_id)
);

-- The strategy's components and lines of action a body can support.
create table oas_body_components (
  organization_id uuid not null references oas_bodies (organization_id) on delete cascade,
  component_id uuid not null references strategy_components (id),
  primary key (organization_id, component_id)
);
create table oas_body_lines (
  organization_id uuid not null references oas_bodies (organization_id) on delete cascade,
  line_of_action_id uuid not null references lines_of_action (id),
  primary key (organization_id, line_of_action_id)
);

-- A member state's request for technical support on one of its initiatives, under one
-- paragraph of a resolution (symbol + number; mandates link to it later by both).
create table support_requests (
  id uuid primary key default gen_random_uuid(),
  initiative_id uuid not null references initiatives (id),
  country_iso2 text not null check (country_iso2 ~ '^[A-Z]{2}$'),
  body_id uuid not null references organizations (id),
  what text not null check (length(what) between 1 and 2000),
  why text not null check (length(why) between 1 and 2000),
  needed_by date,
  resolution_symbol text not null check (length(resolution_symbol) between 1 and 64),
  paragraph integer not null check (paragraph between 1 and 999),
  status text not null default 'submitted'
    check (status in ('submitted', 'acknowledged', 'accepted', 'declined', 'completed')),
  flow_id uuid references support_flows (id),
  illustrative boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (flow_id is null or status = 'completed')
);
create index support_requests_body on support_requests (body_id, status);
create index support_requests_initiative on support_requests (initiative_id);
create unique index support_requests_flow on support_requests (flow_id) where flow_id is not null;

-- Each step of a request: who (user, organization, role), when, and a note. Append-only.
create table support_request_steps (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references support_requests (id),
  action text not null check (action in ('submitted', 'acknowledged', 'accepted', 'declined',
    'progress', 'completed', 'flow_linked')),
  actor_user_id uuid references users (id),
  actor_organization_id uuid references organizations (id),
  actor_role text check (actor_role in ('focal_point', 'partner', 'secretariat', 'admin',
    'body_officer')),
  note text check (length(note) <= 4000),
  at timestamptz not null default clock_timestamp()
);
create index support_request_steps_request on support_request_steps (request_id, at);

create function refuse_step_change() returns trigger language plpgsql as $$
begin
  raise exception 'support_request_steps is append-only: a request''s timeline is never rewritten'
    using errcode = 'P0001', hint = 'esca:ledger_immutable';
end;
$$;
create trigger support_request_steps_no_update before update or delete on support_request_steps
  for each row execute function refuse_step_change();

do $$
declare
  t text;
begin
  foreach t in array array['oas_bodies', 'oas_body_components', 'oas_body_lines',
    'support_requests', 'support_request_steps']
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
drop table support_request_steps;
drop function refuse_step_change();
drop table support_requests;
drop table oas_body_lines;
drop table oas_body_components;
drop table oas_bodies;
alter table api_tokens drop constraint api_tokens_role_check;
alter table api_tokens add constraint api_tokens_role_check
  check (role in ('focal_point', 'partner', 'secretariat', 'admin'));
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('focal_point', 'partner', 'secretariat', 'admin'));
