-- migrate:up
-- Issue 14 item 4: the search finds an initiative by its objectives, which are also its own
-- results framework's output and outcome indicators (results_indicators, 20261207007000),
-- not only the national indicators it means to move. The initiative's search row is
-- refreshed when one of its results indicators is written, renamed or removed.
create or replace function search_refresh_initiative(target uuid) returns void language plpgsql as $$
begin
  delete from search_documents where kind = 'initiative' and record_id = target;
  insert into search_documents (kind, record_id, ref, code, published, title_es, title_en,
    summary_es, summary_en, body_es, body_en, components, countries)
  select 'initiative', i.id, i.code, i.code, i.published_at is not null, i.title_es,
    i.title_en, i.summary_es, i.summary_en,
    -- Its objectives: the national indicators it means to move, then its own results
    -- framework's output and outcome indicators.
    nullif(concat_ws('. ',
      (select string_agg(d.name_es, '. ' order by d.code) from initiative_targets t
        join indicators d on d.id = t.indicator_id where t.initiative_id = i.id),
      (select string_agg(r.name_es, '. ' order by r.code) from results_indicators r
        where r.initiative_id = i.id)), ''),
    nullif(concat_ws('. ',
      (select string_agg(d.name_en, '. ' order by d.code) from initiative_targets t
        join indicators d on d.id = t.indicator_id where t.initiative_id = i.id),
      (select string_agg(r.name_en, '. ' order by r.code) from results_indicators r
        where r.initiative_id = i.id)), ''),
    array[c.code::text],
    array(select country from (select i.lead_country::text as country
      union select ic.country_iso2::text from initiative_countries ic
      where ic.initiative_id = i.id) as countries order by country)
  from initiatives i join strategy_components c on c.id = i.component_id
  where i.id = target;
end;
$$;

create or replace function search_on_change() returns trigger language plpgsql as $$
declare
  source record;
  target uuid;
begin
  if tg_op = 'DELETE' then source := old; else source := new; end if;
  case tg_table_name
    when 'initiatives' then perform search_refresh_initiative(source.id);
    when 'initiative_countries', 'initiative_targets', 'results_indicators' then
      perform search_refresh_initiative(source.initiative_id);
    when 'indicators' then
      for target in select initiative_id from initiative_targets where indicator_id = source.id
      loop perform search_refresh_initiative(target); end loop;
    when 'organizations' then perform search_refresh_organization(source.id);
    when 'oas_bodies', 'oas_body_components' then
      perform search_refresh_organization(source.organization_id);
    when 'mandates' then perform search_refresh_mandate(source.id);
    when 'resolutions' then
      for target in select id from mandates where resolution_id = source.id
      loop perform search_refresh_mandate(target); end loop;
    when 'practices' then perform search_refresh_practice(source.id);
    when 'practice_countries', 'practice_components' then
      perform search_refresh_practice(source.practice_id);
  end case;
  return null;
end;
$$;

create trigger results_indicators_search after insert or update or delete on results_indicators
  for each row execute function search_on_change();

-- Initiatives whose frameworks were written before this migration.
select search_refresh_initiative(id) from initiatives;

-- migrate:down
drop trigger results_indicators_search on results_indicators;
create or replace function search_refresh_initiative(target uuid) returns void language plpgsql as $$
begin
  delete from search_documents where kind = 'initiative' and record_id = target;
  insert into search_documents (kind, record_id, ref, code, published, title_es, title_en,
    summary_es, summary_en, body_es, body_en, components, countries)
  select 'initiative', i.id, i.code, i.code, i.published_at is not null, i.title_es,
    i.title_en, i.summary_es, i.summary_en,
    -- Its objectives: what its results framework means to move.
    (select string_agg(d.name_es, '. ' order by d.code) from initiative_targets t
      join indicators d on d.id = t.indicator_id where t.initiative_id = i.id),
    (select string_agg(d.name_en, '. ' order by d.code) from initiative_targets t
      join indicators d on d.id = t.indicator_id where t.initiative_id = i.id),
    array[c.code::text],
    array(select country from (select i.lead_country::text as country
      union select ic.country_iso2::text from initiative_countries ic
      where ic.initiative_id = i.id) as countries order by country)
  from initiatives i join strategy_components c on c.id = i.component_id
  where i.id = target;
end;
$$;

create or replace function search_on_change() returns trigger language plpgsql as $$
declare
  source record;
  target uuid;
begin
  if tg_op = 'DELETE' then source := old; else source := new; end if;
  case tg_table_name
    when 'initiatives' then perform search_refresh_initiative(source.id);
    when 'initiative_countries', 'initiative_targets' then
      perform search_refresh_initiative(source.initiative_id);
    when 'indicators' then
      for target in select initiative_id from initiative_targets where indicator_id = source.id
      loop perform search_refresh_initiative(target); end loop;
    when 'organizations' then perform search_refresh_organization(source.id);
    when 'oas_bodies', 'oas_body_components' then
      perform search_refresh_organization(source.organization_id);
    when 'mandates' then perform search_refresh_mandate(source.id);
    when 'resolutions' then
      for target in select id from mandates where resolution_id = source.id
      loop perform search_refresh_mandate(target); end loop;
    when 'practices' then perform search_refresh_practice(source.id);
    when 'practice_countries', 'practice_components' then
      perform search_refresh_practice(source.practice_id);
  end case;
  return null;
end;
$$;

select search_refresh_initiative(id) from initiatives;
