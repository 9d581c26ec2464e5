-- migrate:up
-- Initiatives, indicators and their history, refined after the core schema.

-- Transitions recorded in the same millisecond (PGlite's clock has no finer grain) still
-- need a stable order for the history: a sequence. Transitions of one initiative are
-- serialized by a row lock, so its order is the order they took effect.
alter table initiative_transitions add column seq bigint generated always as identity;
create index initiative_transitions_initiative_seq on initiative_transitions (initiative_id, seq);
alter table initiative_transitions add constraint initiative_transitions_to_status check
  (to_status in ('draft', 'submitted', 'endorsed', 'seeking_funding', 'in_execution',
    'completed', 'rejected', 'cancelled'));

-- Published figures carry more decimals than six (UNODC via Our World in Data: 10.9166975);
-- they are kept as published rather than rounded.
alter table indicator_observations alter column value type numeric(24, 10);
alter table initiative_targets alter column baseline_value type numeric(24, 10);
alter table initiative_targets alter column target_value type numeric(24, 10);

-- migrate:down
alter table initiative_targets alter column target_value type numeric(20, 6);
alter table initiative_targets alter column baseline_value type numeric(20, 6);
alter table indicator_observations alter column value type numeric(20, 6);
alter table initiative_transitions drop constraint initiative_transitions_to_status;
drop index initiative_transitions_initiative_seq;
alter table initiative_transitions drop column seq;
