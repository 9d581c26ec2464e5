-- migrate:up
-- An imported transaction or budget is "the n-th one of its activity": (activity_id, seq) is
-- its key, in file order. This replaces a surrogate identity key and a separate index on
-- activity_id: one index instead of two and no sequence to draw from, for the hundred
-- thousand rows a 50 MB file brings (about a quarter of the time their writing took). The
-- narratives and lists an activity was published with are kept as the JSON text they were
-- staged as (json): nothing queries inside them, and checking JSON text costs less than
-- building jsonb from it.

alter table iati_transactions add column seq integer;
update iati_transactions t set seq = n.seq
  from (select id, (row_number() over (partition by activity_id order by id) - 1)::integer as seq
        from iati_transactions) n
  where n.id = t.id;
alter table iati_transactions alter column seq set not null;
alter table iati_transactions drop column id;
alter table iati_transactions add primary key (activity_id, seq);
drop index iati_transactions_activity;

alter table iati_budgets add column seq integer;
update iati_budgets b set seq = n.seq
  from (select id, (row_number() over (partition by activity_id order by id) - 1)::integer as seq
        from iati_budgets) n
  where n.id = b.id;
alter table iati_budgets alter column seq set not null;
alter table iati_budgets drop column id;
alter table iati_budgets add primary key (activity_id, seq);
drop index iati_budgets_activity;

alter table iati_activities
  alter column titles type json using titles::json,
  alter column descriptions type json using descriptions::json,
  alter column dates type json using dates::json,
  alter column participating_orgs type json using participating_orgs::json,
  alter column sectors type json using sectors::json,
  alter column countries type json using countries::json,
  alter column regions type json using regions::json,
  alter column related_activities type json using related_activities::json,
  alter column other_identifiers type json using other_identifiers::json;
alter table iati_transactions alter column descriptions type json using descriptions::json;

-- migrate:down
alter table iati_transactions alter column descriptions type jsonb using descriptions::jsonb;
alter table iati_activities
  alter column titles type jsonb using titles::jsonb,
  alter column descriptions type jsonb using descriptions::jsonb,
  alter column dates type jsonb using dates::jsonb,
  alter column participating_orgs type jsonb using participating_orgs::jsonb,
  alter column sectors type jsonb using sectors::jsonb,
  alter column countries type jsonb using countries::jsonb,
  alter column regions type jsonb using regions::jsonb,
  alter column related_activities type jsonb using related_activities::jsonb,
  alter column other_identifiers type jsonb using other_identifiers::jsonb;

create index iati_budgets_activity on iati_budgets (activity_id);
alter table iati_budgets drop constraint iati_budgets_pkey;
alter table iati_budgets add column id bigint generated always as identity primary key;
alter table iati_budgets drop column seq;

create index iati_transactions_activity on iati_transactions (activity_id);
alter table iati_transactions drop constraint iati_transactions_pkey;
alter table iati_transactions add column id bigint generated always as identity primary key;
alter table iati_transactions drop column seq;
