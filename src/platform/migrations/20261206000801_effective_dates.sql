-- migrate:up
-- When a step of an initiative's history took effect, kept apart from `at`, when it was
-- entered. Null: it took effect the day it was entered. Set for history entered afterwards
-- (the demo's 2011–2014 steps, seeded today). The audit trail keeps its own recording times.
alter table initiative_transitions add column effective_on date;

-- migrate:down
alter table initiative_transitions drop column effective_on;
