-- migrate:up
-- Domain tables are audited per statement instead of per row: a bulk write (a ledger sync
-- after an IATI import records thousands of flows in a few statements) took the chain's lock,
-- read its head and inserted once per row. Now each statement takes the lock and reads the
-- head once, hashes its rows in turn and inserts them with one insert. The log is the one
-- audit_row_change wrote: one row per changed row, the same before/after images without the
-- hidden columns, the same entity ids, `at` from clock_timestamp() for each row, chained row
-- after row so `esca audit verify` checks old and new rows alike.
--
-- PostgreSQL lets a trigger with transition tables handle one event only, hence three
-- triggers per table. Order within a statement: the order of its transition table, which is
-- the order the statement wrote its rows, and the order the row triggers fired in. One
-- difference, between rows of one statement only: an INSERT … ON CONFLICT DO UPDATE logs
-- the rows it updated before those it inserted (PostgreSQL fires the UPDATE statement
-- trigger first), where row triggers followed the VALUES list. Rows removed by ON DELETE
-- CASCADE follow their parents' rows, as before.
--
-- An UPDATE's old and new rows are paired by primary key. When every new row finds an old
-- row with its key, that pairing is right: a statement that moved keys among its rows would
-- have to permute them, which a non-deferrable primary key refuses (the first row moved
-- would collide with a row not yet moved). When some new row finds none, the statement
-- changed a key (nothing in the application does; a manual fix might), and the whole
-- statement is paired by position instead: PostgreSQL appends an updated row's old and new
-- images to the two transition tables together, so the n-th old row is the n-th new row's
-- before image. The key is preferred because it rests on the data alone, the position on
-- how PostgreSQL fills transition tables, which its documentation does not promise.

-- The primary key's columns in key order; none when the table has no primary key.
create function audit_primary_key(rel oid) returns text[] language sql stable as $$
  select coalesce(array_agg(a.attname::text order by k.ord), '{}')
    from pg_index i
    cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where i.indrelid = rel and i.indisprimary
$$;

-- Attached AFTER INSERT, AFTER UPDATE and AFTER DELETE FOR EACH STATEMENT to every domain
-- table, with its transition tables named new_rows and old_rows. Trigger arguments name
-- the columns that must never reach the log, as for audit_row_change.
create function audit_statement_change() returns trigger language plpgsql as $$
declare
  hidden text[] := coalesce(tg_argv, '{}');
  key_columns text[];
  other_columns text[];
  before_rows jsonb[];
  after_rows jsonb[];
  paired bigint;
  changed int;
  ctx jsonb;
  seq_name regclass;
  key_row jsonb;
  key_column text;
  r audit_log;
  appended audit_log[] := '{}';
begin
  if tg_op = 'INSERT' then
    select array_agg(to_jsonb(n)) into after_rows from new_rows n;
  elsif tg_op = 'DELETE' then
    select array_agg(to_jsonb(o)) into before_rows from old_rows o;
  else
    key_columns := audit_primary_key(tg_relid);
    if cardinality(key_columns) > 0 then
      -- Rows compare by what is left once every column outside the key is removed.
      select coalesce(array_agg(c), '{}') into other_columns
        from jsonb_object_keys((select to_jsonb(n) from new_rows n limit 1)) c
        where c <> all (key_columns);
      with o as materialized (select to_jsonb(o) as j from old_rows o),
        n as materialized (select to_jsonb(n) as j, row_number() over () as pos from new_rows n)
      select count(*),
          array_agg(o.j order by n.pos) filter (where o.j <> n.j),
          array_agg(n.j order by n.pos) filter (where o.j <> n.j)
        into paired, before_rows, after_rows
        from n join o on o.j - other_columns = n.j - other_columns;
    end if;
    if cardinality(key_columns) = 0 or paired < (select count(*) from new_rows) then
      with o as materialized (select to_jsonb(o) as j, row_number() over () as pos from old_rows o),
        n as materialized (select to_jsonb(n) as j, row_number() over () as pos from new_rows n)
      select array_agg(o.j order by n.pos) filter (where o.j <> n.j),
          array_agg(n.j order by n.pos) filter (where o.j <> n.j)
        into before_rows, after_rows
        from n join o on o.pos = n.pos;
    end if;
  end if;
  -- An UPDATE that rewrites identical values changes nothing worth a row.
  changed := coalesce(cardinality(after_rows), cardinality(before_rows), 0);
  if changed = 0 then return null; end if;

  -- As in audit_append: the chain's lock, held to the end of the transaction, then the
  -- head read and the sequence numbers drawn under it.
  perform pg_advisory_xact_lock(7272627);
  select a.hash into r.prev_hash from audit_log a order by a.seq desc limit 1;
  seq_name := pg_get_serial_sequence('audit_log', 'seq')::regclass;
  ctx := nullif(current_setting('esca.ctx', true), '')::jsonb;
  r.actor := coalesce(ctx ->> 'actor', 'system');
  r.actor_user_id := (ctx ->> 'user_id')::uuid;
  r.organization_id := (ctx ->> 'organization_id')::uuid;
  r.request_id := ctx ->> 'request_id';
  r.client_address := ctx ->> 'client_address';
  r.action := lower(tg_op);
  r.entity_type := tg_table_name;
  for i in 1 .. changed loop
    -- The entity id: the row's `id`, or its primary key values joined by ':'.
    key_row := coalesce(after_rows[i], before_rows[i]);
    r.entity_id := key_row ->> 'id';
    if r.entity_id is null then
      key_columns := coalesce(key_columns, audit_primary_key(tg_relid));
      foreach key_column in array key_columns loop
        r.entity_id := concat_ws(':', r.entity_id, key_row ->> key_column);
      end loop;
    end if;
    r.seq := nextval(seq_name);
    r.id := gen_random_uuid();
    r.at := clock_timestamp();
    r.before := before_rows[i] - hidden;
    r.after := after_rows[i] - hidden;
    r.hash := audit_hash(r);
    appended := appended || r;
    r.prev_hash := r.hash;
  end loop;
  insert into audit_log overriding system value select * from unnest(appended);
  return null;
end;
$$;

do $$
declare
  t text;
  hidden text;
begin
  foreach t in array array['organizations', 'strategy_components', 'lines_of_action',
    'exchange_rates', 'initiatives', 'initiative_countries', 'initiative_sectors',
    'initiative_transitions', 'initiative_targets', 'conferences', 'indicators',
    'indicator_observations', 'support_flows', 'users', 'api_tokens']
  loop
    hidden := case t when 'users' then '''password_hash'', ''totp_secret'''
      when 'api_tokens' then '''token_hash''' else '' end;
    execute format('drop trigger %I on %I', t || '_audit', t);
    execute format('create trigger %I after insert on %I referencing new table as new_rows
      for each statement execute function audit_statement_change(%s)', t || '_audit_insert', t, hidden);
    execute format('create trigger %I after update on %I
      referencing old table as old_rows new table as new_rows
      for each statement execute function audit_statement_change(%s)', t || '_audit_update', t, hidden);
    execute format('create trigger %I after delete on %I referencing old table as old_rows
      for each statement execute function audit_statement_change(%s)', t || '_audit_delete', t, hidden);
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
    'indicator_observations', 'support_flows', 'users', 'api_tokens']
  loop
    execute format('drop trigger %I on %I', t || '_audit_insert', t);
    execute format('drop trigger %I on %I', t || '_audit_update', t);
    execute format('drop trigger %I on %I', t || '_audit_delete', t);
  end loop;
end;
$$;
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
  end loop;
end;
$$;
create trigger users_audit after insert or update or delete on users
  for each row execute function audit_row_change('password_hash', 'totp_secret');
create trigger api_tokens_audit after insert or update or delete on api_tokens
  for each row execute function audit_row_change('token_hash');
drop function audit_statement_change();
drop function audit_primary_key(oid);
