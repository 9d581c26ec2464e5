-- migrate:up
-- One search over initiatives, partners, OAS bodies, mandates and good practices (issue 14
-- item 4). The search module owns `search_documents`: one row per searchable record, kept in
-- step with its source by the triggers below, so the module never reads another module's
-- tables. Full-text search in Spanish and English, accent-insensitive (unaccent inside both
-- text search configurations), and "did you mean" from trigram similarity (pg_trgm).
-- Both extensions are trusted (PostgreSQL 13+): a database owner may create them; PGlite
-- loads them from its contrib bundles (src/platform/db/connect.ts).
create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- "prevencion" and "prevención" are one word to both configurations: unaccent runs before
-- the stemmer, so an index built with them matches either spelling, and ts_headline marks
-- the accented word in the original text.
create text search configuration esca_es (copy = spanish);
alter text search configuration esca_es
  alter mapping for hword, hword_part, word with unaccent, spanish_stem;
create text search configuration esca_en (copy = english);
alter text search configuration esca_en
  alter mapping for hword, hword_part, word with unaccent, english_stem;

-- unaccent(text) is only stable (it reads its dictionary by name): indexes and generated
-- values need an immutable wrapper naming the dictionary explicitly.
create function esca_unaccent(value text) returns text
  language sql immutable parallel safe strict
  return public.unaccent('public.unaccent'::regdictionary, value);

-- A record's weighted vector in one configuration: code and title (A), summary (B), body (C).
create function esca_search_vector(config regconfig, code text, title text, summary text,
    body text) returns tsvector
  language sql immutable parallel safe
  return setweight(to_tsvector(config, coalesce(code, '') || ' ' || coalesce(title, '')), 'A')
    || setweight(to_tsvector(config, coalesce(summary, '')), 'B')
    || setweight(to_tsvector(config, coalesce(body, '')), 'C');

-- The distinct words of a text (4 letters or more), for "did you mean".
create function esca_search_words(value text) returns text[]
  language sql immutable parallel safe
  return array(select distinct word
    from regexp_split_to_table(lower(coalesce(value, '')), '[^[:alnum:]]+') as word
    where length(word) between 4 and 40 order by word);

-- Markdown as plain words: link targets, emphasis and heading marks dropped.
create function esca_markdown_text(value text) returns text
  language sql immutable parallel safe strict
  return regexp_replace(regexp_replace(value, '\]\([^)]*\)', ']', 'g'), '[*_`#>\[\]|~]+', ' ', 'g');

create table search_documents (
  kind text not null check (kind in ('initiative', 'partner', 'oas_body', 'mandate', 'practice')),
  record_id uuid not null,
  -- What the web's address of the record uses: a code, a slug or the id.
  ref text not null,
  code text,
  published boolean not null,
  -- The one language of a record written in one (a practice); null when bilingual.
  language text check (language in ('es', 'en')),
  title_es text,
  title_en text,
  summary_es text,
  summary_en text,
  body_es text,
  body_en text,
  components text[] not null default '{}',
  countries text[] not null default '{}',
  words text[] not null default '{}',
  primary key (kind, record_id)
);
create index search_documents_es on search_documents
  using gin (esca_search_vector('esca_es', code, title_es, summary_es, body_es));
create index search_documents_en on search_documents
  using gin (esca_search_vector('esca_en', code, title_en, summary_en, body_en));

create function search_documents_words() returns trigger language plpgsql as $$
begin
  new.words := esca_search_words(concat_ws(' ', new.title_es, new.title_en, new.summary_es,
    new.summary_en, new.body_es, new.body_en));
  return new;
end;
$$;
create trigger search_documents_words before insert or update on search_documents
  for each row execute function search_documents_words();

-- Each refresh replaces one record's row with what its source holds now (none when gone).
create function search_refresh_initiative(target uuid) returns void language plpgsql as $$
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

create function search_refresh_organization(target uuid) returns void language plpgsql as $$
begin
  delete from search_documents where kind in ('partner', 'oas_body') and record_id = target;
  insert into search_documents (kind, record_id, ref, code, published, title_es, title_en,
    summary_es, summary_en, body_es, body_en, components, countries)
  select case when o.kind = 'oas_body' then 'oas_body' else 'partner' end, o.id, o.code,
    o.code, true, o.name_es, o.name_en, b.mandate_es, b.mandate_en, o.acronym, o.acronym,
    array(select c.code::text from oas_body_components bc
      join strategy_components c on c.id = bc.component_id
      where bc.organization_id = o.id order by c.code),
    case when o.country_iso2 is null then '{}'::text[] else array[o.country_iso2::text] end
  from organizations o left join oas_bodies b on b.organization_id = o.id
  -- A member state is a country, not a partner: the countries' pages show them.
  where o.id = target and o.kind <> 'member_state';
end;
$$;

create function search_refresh_mandate(target uuid) returns void language plpgsql as $$
begin
  delete from search_documents where kind = 'mandate' and record_id = target;
  insert into search_documents (kind, record_id, ref, code, published, title_es, title_en,
    summary_es, summary_en)
  select 'mandate', m.id, m.id::text, null, true, r.symbol || ', párrafo ' || m.paragraph,
    r.symbol || ', paragraph ' || m.paragraph, m.text_es, m.text_en
  from mandates m join resolutions r on r.id = m.resolution_id
  where m.id = target;
end;
$$;

create function search_refresh_practice(target uuid) returns void language plpgsql as $$
begin
  delete from search_documents where kind = 'practice' and record_id = target;
  insert into search_documents (kind, record_id, ref, code, published, language, title_es,
    title_en, summary_es, summary_en, body_es, body_en, components, countries)
  select 'practice', p.id, p.slug, null, p.status = 'published', p.language,
    case when p.language = 'es' then p.title end, case when p.language = 'en' then p.title end,
    case when p.language = 'es' then p.summary end,
    case when p.language = 'en' then p.summary end,
    case when p.language = 'es' then esca_markdown_text(p.body) || ' ' || p.source_name end,
    case when p.language = 'en' then esca_markdown_text(p.body) || ' ' || p.source_name end,
    array(select c.code::text from practice_components pc
      join strategy_components c on c.id = pc.component_id
      where pc.practice_id = p.id order by c.code),
    array(select pc.country_iso2::text from practice_countries pc
      where pc.practice_id = p.id order by pc.country_iso2)
  from practices p where p.id = target;
end;
$$;

-- The triggers: a change to a source row refreshes the record it belongs to.
create function search_on_change() returns trigger language plpgsql as $$
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

do $$
declare
  t text;
begin
  foreach t in array array['initiatives', 'initiative_countries', 'initiative_targets',
    'organizations', 'oas_bodies', 'oas_body_components', 'mandates', 'practices',
    'practice_countries', 'practice_components']
  loop
    execute format('create trigger %I after insert or update or delete on %I
      for each row execute function search_on_change()', t || '_search', t);
  end loop;
  foreach t in array array['indicators', 'resolutions']
  loop
    execute format('create trigger %I after update on %I
      for each row execute function search_on_change()', t || '_search', t);
  end loop;
end;
$$;

-- Records written before this migration.
select search_refresh_initiative(id) from initiatives;
select search_refresh_organization(id) from organizations;
select search_refresh_mandate(id) from mandates;

-- migrate:down
do $$
declare
  t text;
begin
  foreach t in array array['initiatives', 'initiative_countries', 'initiative_targets',
    'organizations', 'oas_bodies', 'oas_body_components', 'mandates', 'practices',
    'practice_countries', 'practice_components', 'indicators', 'resolutions']
  loop
    execute format('drop trigger %I on %I', t || '_search', t);
  end loop;
end;
$$;
drop function search_on_change();
drop function search_refresh_practice(uuid);
drop function search_refresh_mandate(uuid);
drop function search_refresh_organization(uuid);
drop function search_refresh_initiative(uuid);
drop table search_documents;
drop function search_documents_words();
drop function esca_markdown_text(text);
drop function esca_search_words(text);
drop function esca_search_vector(regconfig, text, text, text, text);
drop function esca_unaccent(text);
drop text search configuration esca_en;
drop text search configuration esca_es;
