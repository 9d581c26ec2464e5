-- migrate:up
-- A transition's `to_status` is checked against the lifecycle's statuses
-- (20261128160100_initiatives.sql) but its `from_status` was not, so a step could be recorded
-- as coming from a status that does not exist. Null stays allowed: an initiative's first step
-- (none → draft) comes from nowhere. Every step so far was written from a checked status.
alter table initiative_transitions add constraint initiative_transitions_from_status check
  (from_status in ('draft', 'submitted', 'endorsed', 'seeking_funding', 'in_execution',
    'completed', 'rejected', 'cancelled'));

-- migrate:down
alter table initiative_transitions drop constraint initiative_transitions_from_status;
