-- migrate:up
-- A draft is its country's working copy and is never public. Publishing already refused a
-- draft, but returning a submitted initiative for changes moved it back to draft and left it
-- published, so anonymous readers kept seeing it (and every query that reads "public" as
-- "published_at is not null" agreed). Returning to draft now withdraws the publication; this
-- withdraws it from drafts left published before, and the check keeps it so.
update initiatives set published_at = null where status = 'draft' and published_at is not null;
alter table initiatives
  add constraint initiatives_draft_unpublished check (status <> 'draft' or published_at is null);

-- migrate:down
alter table initiatives drop constraint initiatives_draft_unpublished;
