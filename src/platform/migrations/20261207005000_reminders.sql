-- migrate:up
-- Reminders and data-quality checks (issue 12, item 3). Open items are computed from the data
-- whenever they are read; a scheduled run keeps a snapshot of them (reminder_run_items), so a
-- digest can say which items are new since the recipient's last one (reminder_digests).

-- The language a user reads ESCA Hub's e-mail in.
alter table users add column language text not null default 'es'
  check (language in ('es', 'en'));

create table reminder_runs (
  id uuid primary key default gen_random_uuid(),
  trigger text not null check (trigger in ('schedule', 'manual')),
  -- The scheduler's id of the occurrence (pg-boss job id, or the in-process slot).
  job_id text,
  started_by text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  as_of date not null,
  pledge_months int not null check (pledge_months > 0),
  commitment_months int not null check (commitment_months > 0),
  item_count int not null default 0 check (item_count >= 0),
  new_count int not null default 0 check (new_count >= 0),
  digests_sent int not null default 0 check (digests_sent >= 0)
);
create index reminder_runs_started on reminder_runs (started_at desc);

-- Derived rows (recomputable from the data as of the run): not audited row by row; the run
-- they belong to is.
create table reminder_run_items (
  run_id uuid not null references reminder_runs (id) on delete cascade,
  item_key text not null,
  rule text not null check (rule in ('pledge_not_committed', 'commitment_not_disbursed',
    'over_disbursement_pending', 'result_not_reported', 'mandate_status_missing',
    'source_missing', 'rate_missing')),
  organization_id uuid references organizations (id),
  since date not null,
  primary key (run_id, item_key)
);

create table reminder_digests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  run_id uuid not null references reminder_runs (id),
  language text not null check (language in ('es', 'en')),
  item_count int not null check (item_count >= 0),
  new_count int not null check (new_count >= 0),
  message_id text,
  sent_at timestamptz not null default now()
);
create index reminder_digests_user on reminder_digests (user_id, sent_at desc);

-- Audited as every table: one audit row per changed row, per statement.
select audit_attach(t) from unnest(array['reminder_runs', 'reminder_digests']) as t;

-- migrate:down
drop table reminder_digests;
drop table reminder_run_items;
drop table reminder_runs;
alter table users drop column language;
