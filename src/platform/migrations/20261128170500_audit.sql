-- migrate:up
-- The audit trail: every change to a domain table, and the events that change no row
-- (login, logout, login_failed, access_denied), appended to one hash chain.
--
-- Each row's hash is sha256(previous row's hash || canonical JSON of the row), so altering,
-- removing or reordering a row breaks the chain from that row on; `esca audit verify`
-- recomputes it. The canonical JSON is `audit_canonical` below: jsonb's text form, whose
-- keys are ordered by length then bytes and whose separators are ", " and ": ", with `at`
-- written in UTC by to_char so that the session's TimeZone cannot change it. A verifier
-- outside PostgreSQL can rebuild the same text from an exported row.
--
-- Who acts comes from the session setting `esca.ctx` (JSON), which the application's pool
-- sets on every connection it hands out (src/platform/db/session-context.ts).

create table audit_log (
  seq bigint generated always as identity primary key,
  id uuid not null unique,
  at timestamptz not null,
  actor text not null,
  actor_user_id uuid,
  organization_id uuid,
  -- insert/update/delete/truncate from the triggers, or an event name such as login_failed.
  action text not null check (action ~ '^[a-z][a-z0-9_]{0,47}$'),
  entity_type text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  request_id text,
  client_address text,
  prev_hash text,
  hash text not null
);
create index audit_log_entity on audit_log (entity_type, entity_id, seq);
create index audit_log_at on audit_log (at);

create function audit_canonical(r audit_log) returns text language sql stable as $$
  select jsonb_build_object(
    'seq', r.seq,
    'id', r.id,
    'at', to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'actor', r.actor,
    'actor_user_id', r.actor_user_id,
    'organization_id', r.organization_id,
    'action', r.action,
    'entity_type', r.entity_type,
    'entity_id', r.entity_id,
    'before', r.before,
    'after', r.after,
    'request_id', r.request_id,
    'client_address', r.client_address,
    'prev_hash', r.prev_hash
  )::text
$$;

-- The one definition of a row's hash, used when appending and when verifying.
create function audit_hash(r audit_log) returns text language sql stable as $$
  select encode(sha256(convert_to(coalesce(r.prev_hash, '') || audit_canonical(r), 'UTF8')), 'hex')
$$;

-- Appends one row at the end of the chain. The advisory lock (held to the end of the
-- transaction) makes appenders take turns, so each reads the hash its predecessor committed:
-- under READ COMMITTED every statement of this volatile function takes a fresh snapshot.
-- The sequence number is drawn under the lock, so seq order is chain order.
create function audit_append(p_action text, p_entity_type text, p_entity_id text,
  p_before jsonb, p_after jsonb) returns audit_log language plpgsql as $$
declare
  ctx jsonb := nullif(current_setting('esca.ctx', true), '')::jsonb;
  r audit_log;
begin
  -- 7272627: the audit chain (7272626 is the migrator's lock).
  perform pg_advisory_xact_lock(7272627);
  select a.hash into r.prev_hash from audit_log a order by a.seq desc limit 1;
  r.seq := nextval(pg_get_serial_sequence('audit_log', 'seq'));
  r.id := gen_random_uuid();
  r.at := clock_timestamp();
  r.actor := coalesce(ctx ->> 'actor', 'system');
  r.actor_user_id := (ctx ->> 'user_id')::uuid;
  r.organization_id := (ctx ->> 'organization_id')::uuid;
  r.action := p_action;
  r.entity_type := p_entity_type;
  r.entity_id := p_entity_id;
  r.before := p_before;
  r.after := p_after;
  r.request_id := ctx ->> 'request_id';
  r.client_address := ctx ->> 'client_address';
  r.hash := audit_hash(r);
  insert into audit_log overriding system value select (r).*;
  return r;
end;
$$;

-- Attached AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW to every domain table. Trigger
-- arguments name columns that must never reach the log (password_hash, totp_secret,
-- token_hash …). The entity id is the row's `id`, or its primary key values joined by ':'
-- for tables keyed by several columns (exchange_rates: 'EUR:2011-06-22').
create function audit_row_change() returns trigger language plpgsql as $$
declare
  hidden text[] := coalesce(tg_argv, '{}');
  old_row jsonb;
  new_row jsonb;
  key_row jsonb;
  entity text;
begin
  if tg_op <> 'INSERT' then old_row := to_jsonb(old); end if;
  if tg_op <> 'DELETE' then new_row := to_jsonb(new); end if;
  -- An UPDATE that rewrites identical values changes nothing worth a row.
  if tg_op = 'UPDATE' and old_row = new_row then return null; end if;
  key_row := coalesce(new_row, old_row);
  entity := key_row ->> 'id';
  if entity is null then
    select string_agg(key_row ->> a.attname, ':' order by k.ord) into entity
      from pg_index i
      cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
      where i.indrelid = tg_relid and i.indisprimary;
  end if;
  perform audit_append(lower(tg_op), tg_table_name, entity, old_row - hidden, new_row - hidden);
  return null;
end;
$$;

create function audit_truncate() returns trigger language plpgsql as $$
begin
  perform audit_append('truncate', tg_table_name, null, null, null);
  return null;
end;
$$;

create function refuse_audit_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only'
    using errcode = 'P0001', hint = 'esca:audit_immutable';
end;
$$;

create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function refuse_audit_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function refuse_audit_change();

do $$
declare
  t text;
begin
  foreach t in array array['organizations', 'strategy_components', 'lines_of_action',
    'exchange_rates', 'initiatives', 'initiative_countries', 'initiative_sectors',
    'initiative_transitions', 'initiative_targets', 'conferences', 'indicators',
    'indicator_observations', 'support_flows']
  loop
    execute format('create trigger %I after insert or update or delete on %I
      for each row execute function audit_row_change()', t || '_audit', t);
    execute format('create trigger %I after truncate on %I
      for each statement execute function audit_truncate()', t || '_audit_truncate', t);
  end loop;
end;
$$;

-- migrate:down
do $$
declare
  t text;
begin
  foreach t in array array['organizations', 'strategy_components', 'lines_of_action',
    'exchange_rates', 'initiatives', 'initiative_countries', 'initiative_sectors',
    'initiative_transitions', 'initiative_targets', 'conferences', 'indicators',
    'indicator_observations', 'support_flows']
  loop
    execute format('drop trigger %I on %I', t || '_audit', t);
    execute format('drop trigger %I on %I', t || '_audit_truncate', t);
  end loop;
end;
$$;
drop function audit_truncate();
drop function audit_row_change();
drop function audit_append(text, text, text, jsonb, jsonb);
drop function audit_hash(audit_log);
drop function audit_canonical(audit_log);
drop table audit_log;
drop function refuse_audit_change();
