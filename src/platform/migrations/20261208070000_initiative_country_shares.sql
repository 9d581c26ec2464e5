-- migrate:up
-- A participating country's share of an initiative (issue 18, item 2): the percentage of the
-- budget the initiative assigns to it, as IATI's recipient-country percentage. Null where the
-- initiative does not say, which the country page shows as "Regional". The table is already
-- audited row by row, so the new column is audited with it.
alter table initiative_countries
  add column share_percentage numeric(5, 2)
    check (share_percentage is null or (share_percentage > 0 and share_percentage <= 100));

-- migrate:down
alter table initiative_countries drop column share_percentage;
