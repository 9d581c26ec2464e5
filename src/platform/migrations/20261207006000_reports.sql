-- migrate:up
-- The Permanent Council's report to the General Assembly (AG/RES. 2626 ¶9): each issued
-- version is a snapshot kept for good, with the instant its data stood at, its language and
-- format, the figures it showed and the SHA-256 of its bytes, so anyone can check a copy.
create table reports (
  id uuid primary key default gen_random_uuid(),
  symbol text not null check (length(symbol) between 1 and 100),
  as_of timestamptz not null,
  language text not null check (language in ('es', 'en')),
  format text not null check (format in ('docx', 'pdf', 'html')),
  original_language text not null check (original_language in ('es', 'en')),
  figures jsonb not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes integer not null check (size_bytes > 0),
  bytes bytea not null,
  issued_by text not null,
  issued_by_user_id uuid references users (id),
  issued_at timestamptz not null default clock_timestamp()
);
create index reports_as_of on reports (as_of, language, format);
create index reports_issued_at on reports (issued_at desc);

create function refuse_report_change() returns trigger language plpgsql as $$
begin
  raise exception 'reports are append-only: an issued report is never rewritten or withdrawn'
    using errcode = 'P0001', hint = 'esca:ledger_immutable';
end;
$$;
create trigger reports_no_change before update or delete on reports
  for each row execute function refuse_report_change();
create trigger reports_no_truncate before truncate on reports
  for each statement execute function refuse_report_change();

-- A report being made from the workspace: its stage while it renders, then its report.
create table report_jobs (
  id uuid primary key default gen_random_uuid(),
  language text not null check (language in ('es', 'en')),
  format text not null check (format in ('docx', 'pdf', 'html')),
  as_of timestamptz not null,
  stage text not null default 'queued'
    check (stage in ('queued', 'gathering', 'rendering', 'storing', 'done', 'failed')),
  report_id uuid references reports (id),
  error_message text,
  requested_by text not null,
  requested_by_user_id uuid references users (id),
  created_at timestamptz not null default clock_timestamp(),
  updated_at timestamptz not null default clock_timestamp()
);
create index report_jobs_created on report_jobs (created_at desc);

-- The audit trail records each issued report and each job's stages; a report's bytes are
-- left out of its audit row (its sha256 names them).
select audit_attach('reports', array['bytes']);
select audit_attach('report_jobs');

-- migrate:down
drop table report_jobs;
drop table reports;
drop function refuse_report_change();
