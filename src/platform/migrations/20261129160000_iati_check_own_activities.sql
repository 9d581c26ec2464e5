-- migrate:up
-- The check that a transaction's or budget's activity exists (20261129140000) took a key-share
-- lock on every activity a statement names, so that no other transaction could delete it
-- before this one commits. An activity that this very transaction inserted needs no lock: no
-- other transaction can see it, let alone delete it, until then. An import writes only such
-- activities, so it no longer locks (and rewrites) each one it has just written; rows naming
-- an activity written before are locked as before. Each activity is looked up once per
-- statement, however many rows name it.

create or replace function iati_check_activity_ids() returns trigger language plpgsql as $$
declare
  missing uuid;
begin
  perform from iati_activities a
    where a.id in (select distinct r.activity_id from new_rows r)
      and a.xmin <> pg_current_xact_id()::xid
    for key share of a;
  select r.activity_id into missing from (select distinct activity_id from new_rows) r
    where not exists (select from iati_activities a where a.id = r.activity_id) limit 1;
  if found then
    raise exception 'insert or update on table "%" violates foreign key constraint "%_activity_id_fkey"',
      tg_table_name, tg_table_name
      using errcode = '23503', detail = format('Key (activity_id)=(%s) is not present in table "iati_activities".', missing);
  end if;
  return null;
end;
$$;

-- migrate:down
create or replace function iati_check_activity_ids() returns trigger language plpgsql as $$
declare
  missing uuid;
begin
  -- Key-share locks, as a foreign key takes: the activities cannot go before this commits.
  perform from iati_activities a where a.id in (select r.activity_id from new_rows r)
    for key share of a;
  select r.activity_id into missing from new_rows r
    where not exists (select from iati_activities a where a.id = r.activity_id) limit 1;
  if found then
    raise exception 'insert or update on table "%" violates foreign key constraint "%_activity_id_fkey"',
      tg_table_name, tg_table_name
      using errcode = '23503', detail = format('Key (activity_id)=(%s) is not present in table "iati_activities".', missing);
  end if;
  return null;
end;
$$;
