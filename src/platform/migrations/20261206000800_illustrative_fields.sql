-- migrate:up
-- Illustrative per field: a record may be real in part (a published title and total) and
-- made up in part (a demo split, dates, a status). `illustrative` still says the record as a
-- whole was made up; `illustrative_fields` names the fields made up in an otherwise sourced
-- record, so that the portal marks exactly those. A JSON array rather than text[]: the
-- ledger's bulk writer sends each column as one array parameter, and an array of arrays
-- would flatten.
alter table initiatives
  add column illustrative_fields jsonb not null default '[]'
    check (jsonb_typeof(illustrative_fields) = 'array' and illustrative_fields <@
      '["code", "title", "summary", "line_of_action", "lead_country", "countries",
        "executing_agency", "sectors", "budget", "start_date", "end_date", "status",
        "targets"]'::jsonb);

-- Adding a column writes no row, so the ledger's append-only triggers are not involved.
alter table support_flows
  add column illustrative_fields jsonb not null default '[]'
    check (jsonb_typeof(illustrative_fields) = 'array' and illustrative_fields <@
      '["partner", "allocation", "amount", "value_date", "description"]'::jsonb);

-- migrate:down
alter table support_flows drop column illustrative_fields;
alter table initiatives drop column illustrative_fields;
