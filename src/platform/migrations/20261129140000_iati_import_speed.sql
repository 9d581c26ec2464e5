-- migrate:up
-- An IATI import writes a publication's transactions and budgets (a hundred thousand rows for
-- a 50 MB file) and a newer file deletes them again. A foreign key checks every inserted row
-- and cascades every deleted activity with a query of its own; these statement-level triggers
-- do the same for a whole statement with one join each. The guarantees stay those of the
-- foreign keys they replace: a transaction or budget names an existing activity (which it
-- locks against deletion until commit, as a foreign key does), deleting activities deletes
-- theirs, an activity's id does not change, and the activities are not truncated from under
-- them.

alter table iati_transactions drop constraint iati_transactions_activity_id_fkey;
alter table iati_budgets drop constraint iati_budgets_activity_id_fkey;

create function iati_check_activity_ids() returns trigger language plpgsql as $$
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

create trigger iati_transactions_activity_insert after insert on iati_transactions
  referencing new table as new_rows for each statement execute function iati_check_activity_ids();
create trigger iati_transactions_activity_update after update on iati_transactions
  referencing new table as new_rows for each statement execute function iati_check_activity_ids();
create trigger iati_budgets_activity_insert after insert on iati_budgets
  referencing new table as new_rows for each statement execute function iati_check_activity_ids();
create trigger iati_budgets_activity_update after update on iati_budgets
  referencing new table as new_rows for each statement execute function iati_check_activity_ids();

create function iati_delete_activity_rows() returns trigger language plpgsql as $$
begin
  delete from iati_transactions t using old_rows o where t.activity_id = o.id;
  delete from iati_budgets b using old_rows o where b.activity_id = o.id;
  return null;
end;
$$;

create trigger iati_activities_delete_rows after delete on iati_activities
  referencing old table as old_rows for each statement execute function iati_delete_activity_rows();

create function iati_refuse_activity_id_change() returns trigger language plpgsql as $$
begin
  raise exception 'the id of an IATI activity does not change' using errcode = '23503';
end;
$$;

create trigger iati_activities_id_change before update of id on iati_activities
  for each row when (old.id is distinct from new.id)
  execute function iati_refuse_activity_id_change();

create function iati_refuse_activity_truncate() returns trigger language plpgsql as $$
begin
  if exists (select from iati_transactions) or exists (select from iati_budgets) then
    raise exception 'cannot truncate iati_activities while transactions or budgets refer to it'
      using errcode = '0A000', hint = 'Truncate iati_transactions and iati_budgets in the same statement.';
  end if;
  return null;
end;
$$;

create trigger iati_activities_truncate after truncate on iati_activities
  for each statement execute function iati_refuse_activity_truncate();

-- migrate:down
drop trigger iati_activities_truncate on iati_activities;
drop function iati_refuse_activity_truncate();
drop trigger iati_activities_id_change on iati_activities;
drop function iati_refuse_activity_id_change();
drop trigger iati_activities_delete_rows on iati_activities;
drop function iati_delete_activity_rows();
drop trigger iati_budgets_activity_update on iati_budgets;
drop trigger iati_budgets_activity_insert on iati_budgets;
drop trigger iati_transactions_activity_update on iati_transactions;
drop trigger iati_transactions_activity_insert on iati_transactions;
drop function iati_check_activity_ids();
alter table iati_budgets add constraint iati_budgets_activity_id_fkey
  foreign key (activity_id) references iati_activities (id) on delete cascade;
alter table iati_transactions add constraint iati_transactions_activity_id_fkey
  foreign key (activity_id) references iati_activities (id) on delete cascade;
