-- migrate:up
-- The check that a transaction's or budget's activity exists (20261129160000) read each named
-- activity twice per statement: once to lock those written by earlier transactions, once to
-- find a missing one. It now reads them once, finding both the missing and the earlier ones,
-- and locks only the earlier ones (an import's batch names only activities it has just
-- written, so it locks none). The guarantee is the foreign key's, as before: an activity named
-- by a committed row exists. One written earlier may be deleted between the read and the lock
-- by a transaction that commits meanwhile; the lock then finds fewer rows than it read, and the
-- statement is refused as a missing activity would be.

create or replace function iati_check_activity_ids() returns trigger language plpgsql as $$
declare
  missing uuid;
  earlier uuid[];
  locked integer;
begin
  select (array_agg(r.activity_id) filter (where a.id is null))[1],
         array_agg(a.id) filter (where a.id is not null and a.xmin <> pg_current_xact_id()::xid)
    into missing, earlier
    from (select distinct activity_id from new_rows) r
    left join iati_activities a on a.id = r.activity_id;
  if missing is null and earlier is not null then
    -- Key-share locks, as a foreign key takes: the activities cannot go before this commits.
    perform from iati_activities a where a.id = any (earlier) for key share of a;
    get diagnostics locked = row_count;
    if locked < cardinality(earlier) then
      select e.id into missing from unnest(earlier) as e (id)
        where not exists (select from iati_activities a where a.id = e.id) limit 1;
    end if;
  end if;
  if missing is not null then
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
