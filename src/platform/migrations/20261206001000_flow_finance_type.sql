-- migrate:up
-- Grants and loans apart: every entry carries its IATI FinanceType code (2.03 codelist,
-- src/contracts/enum-values.ts financeTypes), null only where the source does not say.
-- A region-wide announcement that no partner allocated stays unallocated: an entry to no
-- initiative may name no component either. Support to an initiative still names its
-- initiative's component (resolve-flow-links.ts settles it), so it is never null there.
-- Adding columns and dropping a NOT NULL write no row: the append-only triggers stay quiet.
alter table support_flows
  add column finance_type text
    check (finance_type in ('110', '210', '310', '311', '410', '421', '422', '423', '424',
      '425', '431', '432', '433', '510', '520', '530', '610', '611', '612', '613', '614',
      '615', '616', '617', '618', '620', '621', '622', '623', '624', '625', '626', '627',
      '630', '631', '632', '633', '634', '635', '636', '637', '638', '639', '1100'));

alter table support_flows alter column component_id drop not null;
alter table support_flows
  add constraint support_flows_allocated_has_component
    check (initiative_id is null or component_id is not null);

alter table support_flows drop constraint support_flows_illustrative_fields_check;
alter table support_flows
  add constraint support_flows_illustrative_fields_check
    check (jsonb_typeof(illustrative_fields) = 'array' and illustrative_fields <@
      '["partner", "allocation", "amount", "value_date", "description", "finance_type"]'::jsonb);

-- migrate:down
alter table support_flows drop constraint support_flows_illustrative_fields_check;
alter table support_flows
  add constraint support_flows_illustrative_fields_check
    check (jsonb_typeof(illustrative_fields) = 'array' and illustrative_fields <@
      '["partner", "allocation", "amount", "value_date", "description"]'::jsonb);
alter table support_flows drop constraint support_flows_allocated_has_component;
alter table support_flows alter column component_id set not null;
alter table support_flows drop column finance_type;
