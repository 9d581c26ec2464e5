-- migrate:up
-- The one way a table joins the audit trail: its three statement triggers (insert, update,
-- delete), each calling audit_statement_change with the columns its audit rows leave out
-- (e.g. a report's bytes, which its sha256 names). Migrations call it once per table.
create function audit_attach(t text, hidden_columns text[] default '{}') returns void
language plpgsql as $$
declare
  args text := (select coalesce(string_agg(quote_literal(c), ', '), '')
    from unnest(hidden_columns) as c);
begin
  execute format('create trigger %I after insert on %I referencing new table as new_rows
    for each statement execute function audit_statement_change(%s)', t || '_audit_insert', t, args);
  execute format('create trigger %I after update on %I
    referencing old table as old_rows new table as new_rows
    for each statement execute function audit_statement_change(%s)', t || '_audit_update', t, args);
  execute format('create trigger %I after delete on %I referencing old table as old_rows
    for each statement execute function audit_statement_change(%s)', t || '_audit_delete', t, args);
end;
$$;

-- migrate:down
drop function audit_attach(text, text[]);
