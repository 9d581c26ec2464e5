-- migrate:up
-- The ledger summed at the grain the funding roll-up needs (issue 15): flow type, partner,
-- initiative, component and finance type (support_flow_sums), and the same by year of the
-- value date (support_flow_sums_by_year, for roll-ups grouped or filtered by year). The
-- roll-up reads these rows instead of every entry whenever no filter needs single entries
-- (an instant "as of", a conference); they are the very sums it would compute, since the
-- ledger is append-only (UPDATE, DELETE and TRUNCATE are refused) and only ever grows.
--
-- The ledger's own statement trigger keeps the sums in the writing transaction: one upsert
-- per statement from its transition table, so a COPY or an INSERT … SELECT of a whole
-- publication adds its entries in one go. Every writer holds the audit chain's lock by then
-- (the audit trigger takes it, or inTransaction did), so no two add to a row at once.
-- Derived data: not audited, no foreign keys of its own (the ledger's rows hold them); a
-- backup carries it and a restore loads it with the ledger.
create table support_flow_sums (
  flow_type text not null check (flow_type in ('offer', 'pledge', 'commitment', 'disbursement')),
  partner_id uuid not null,
  initiative_id uuid,
  component_id uuid,
  finance_type text,
  -- numeric, like sum(bigint): cannot overflow. Null while every entry summed has no value
  -- (technical support), as sum() gives.
  usd_minor numeric,
  entries bigint not null,
  constraint support_flow_sums_key
    unique nulls not distinct (flow_type, partner_id, initiative_id, component_id, finance_type)
);

create table support_flow_sums_by_year (
  flow_type text not null check (flow_type in ('offer', 'pledge', 'commitment', 'disbursement')),
  partner_id uuid not null,
  initiative_id uuid,
  component_id uuid,
  finance_type text,
  year integer not null,
  usd_minor numeric,
  entries bigint not null,
  constraint support_flow_sums_by_year_key
    unique nulls not distinct (flow_type, partner_id, initiative_id, component_id, finance_type, year)
);

create function support_flow_sums_add() returns trigger language plpgsql as $$
begin
  insert into support_flow_sums_by_year as s
    (flow_type, partner_id, initiative_id, component_id, finance_type, year, usd_minor, entries)
  select flow_type, partner_id, initiative_id, component_id, finance_type,
    extract(year from value_date)::int, sum(usd_minor), count(*)
  from added_flows
  group by flow_type, partner_id, initiative_id, component_id, finance_type,
    extract(year from value_date)::int
  on conflict on constraint support_flow_sums_by_year_key do update
    set usd_minor = coalesce(s.usd_minor + excluded.usd_minor, s.usd_minor, excluded.usd_minor),
      entries = s.entries + excluded.entries;
  insert into support_flow_sums as s
    (flow_type, partner_id, initiative_id, component_id, finance_type, usd_minor, entries)
  select flow_type, partner_id, initiative_id, component_id, finance_type, sum(usd_minor),
    count(*)
  from added_flows
  group by flow_type, partner_id, initiative_id, component_id, finance_type
  on conflict on constraint support_flow_sums_key do update
    set usd_minor = coalesce(s.usd_minor + excluded.usd_minor, s.usd_minor, excluded.usd_minor),
      entries = s.entries + excluded.entries;
  return null;
end;
$$;

create trigger support_flows_sums after insert on support_flows
  referencing new table as added_flows
  for each statement execute function support_flow_sums_add();

insert into support_flow_sums_by_year
  (flow_type, partner_id, initiative_id, component_id, finance_type, year, usd_minor, entries)
select flow_type, partner_id, initiative_id, component_id, finance_type,
  extract(year from value_date)::int, sum(usd_minor), count(*)
from support_flows
group by flow_type, partner_id, initiative_id, component_id, finance_type,
  extract(year from value_date)::int;
insert into support_flow_sums
  (flow_type, partner_id, initiative_id, component_id, finance_type, usd_minor, entries)
select flow_type, partner_id, initiative_id, component_id, finance_type, sum(usd_minor), count(*)
from support_flows
group by flow_type, partner_id, initiative_id, component_id, finance_type;

-- migrate:down
drop trigger support_flows_sums on support_flows;
drop function support_flow_sums_add();
drop table support_flow_sums_by_year;
drop table support_flow_sums;
