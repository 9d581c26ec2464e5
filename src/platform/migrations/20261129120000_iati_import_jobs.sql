-- migrate:up
-- IATI import jobs (uploads through the API), kept so that their history, progress and reports
-- survive a restart and are seen by every instance serving the database. The server running a
-- job writes its progress and a heartbeat; a job left 'running' by a server that stopped is
-- marked failed with error_code 'interrupted' (at the next start on the embedded database, once
-- its heartbeat is stale on a PostgreSQL server). Not audited row by row, like sessions: the
-- progress columns change every second, and what an import changes is audited where it lands.

create table iati_import_jobs (
  id uuid primary key,
  file_name text not null,
  file_size bigint not null check (file_size >= 0),
  dry_run boolean not null,
  state text not null default 'running' check (state in ('running', 'succeeded', 'failed')),
  -- What a running job is doing: a dry run validates the file, then imports it and rolls back.
  phase text check (phase in ('validating', 'importing')),
  bytes_read bigint not null default 0 check (bytes_read >= 0),
  -- The import summary and (dry runs) the validation report, as the API returns them.
  summary jsonb,
  validation jsonb,
  error_code text,
  error_message text,
  created_by text not null,
  created_by_user_id uuid,
  created_at timestamptz not null default now(),
  heartbeat_at timestamptz not null default now(),
  finished_at timestamptz,
  check ((state = 'running') = (finished_at is null)),
  check ((state = 'failed') = (error_code is not null))
);
create index iati_import_jobs_created on iati_import_jobs (created_at desc, id);
create index iati_import_jobs_user on iati_import_jobs (created_by_user_id, created_at desc);
create index iati_import_jobs_running on iati_import_jobs (heartbeat_at) where state = 'running';

-- migrate:down
drop table iati_import_jobs;
