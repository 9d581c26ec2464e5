-- migrate:up
-- An IATI import writes its rows in short transactions of their own, under a publication in
-- state 'staging' that no reader sees, and switches it to 'current' in one last transaction
-- (replacing the publisher's previous publication there). On the embedded database, whose
-- one connection a transaction holds from BEGIN to COMMIT, other requests are then served
-- between batches instead of waiting for the whole import.
--
-- A publisher has at most one current publication; a staging one may sit beside it (two
-- imports of the same publisher may even stage at once). staged_at is the import's heartbeat:
-- a staging publication whose heartbeat stopped was left by a killed process and is deleted.
-- The partner is created, when new, only in the last transaction (a killed import leaves no
-- organization behind), so a staging publication may not have one yet.

alter table iati_publications
  add column state text not null default 'current' check (state in ('staging', 'current')),
  add column staged_at timestamptz,
  alter column partner_id drop not null,
  add constraint iati_publications_current_partner
    check (state = 'staging' or partner_id is not null),
  drop constraint iati_publications_publisher_ref_key;
create unique index iati_publications_current_publisher on iati_publications (publisher_ref)
  where state = 'current';
create index iati_publications_staging on iati_publications (staged_at) where state = 'staging';

-- migrate:down
-- Staging publications are unfinished imports: the previous schema has no place for them.
delete from iati_publications where state = 'staging';
drop index iati_publications_staging;
drop index iati_publications_current_publisher;
alter table iati_publications
  add constraint iati_publications_publisher_ref_key unique (publisher_ref),
  drop constraint iati_publications_current_partner,
  alter column partner_id set not null,
  drop column staged_at,
  drop column state;
