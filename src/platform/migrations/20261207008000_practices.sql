-- migrate:up
-- A library of good practices (issue 14 item 3; AG/RES. 2626 ¶6 urges states to draw on the
-- lessons learned and good practices of other subregional mechanisms). The secretariat writes
-- and publishes each entry; the public reads published entries only. One entry is in one
-- language (`language`), as its sources are; the body is Markdown, rendered without HTML.
create table practices (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  title text not null check (length(title) between 1 and 300),
  summary text not null check (length(summary) between 1 and 2000),
  body text not null check (length(body) between 1 and 40000),
  language text not null check (language in ('es', 'en')),
  -- Who the practice comes from: a mechanism (CICAD, SICA's commission…) or a state.
  source_kind text not null check (source_kind in ('mechanism', 'state')),
  source_name text not null check (length(source_name) between 1 and 300),
  -- The public source the entry summarizes, named and linked.
  source_citation text not null check (length(source_citation) between 1 and 1000),
  source_url text check (source_url ~ '^https?://' and length(source_url) <= 1000),
  illustrative boolean not null default false,
  status text not null default 'draft' check (status in ('draft', 'published')),
  published_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'published') = (published_at is not null))
);

create table practice_countries (
  practice_id uuid not null references practices (id) on delete cascade,
  country_iso2 char(2) not null check (country_iso2 ~ '^[A-Z]{2}$'),
  primary key (practice_id, country_iso2)
);
create table practice_components (
  practice_id uuid not null references practices (id) on delete cascade,
  component_id uuid not null references strategy_components (id),
  primary key (practice_id, component_id)
);
create table practice_initiatives (
  practice_id uuid not null references practices (id) on delete cascade,
  initiative_id uuid not null references initiatives (id) on delete cascade,
  primary key (practice_id, initiative_id)
);
create table practice_mandates (
  practice_id uuid not null references practices (id) on delete cascade,
  mandate_id uuid not null references mandates (id) on delete cascade,
  primary key (practice_id, mandate_id)
);
-- Documents a practice links to: public reports, laws, evaluations (title and address).
create table practice_documents (
  practice_id uuid not null references practices (id) on delete cascade,
  position integer not null check (position between 1 and 50),
  title text not null check (length(title) between 1 and 300),
  url text not null check (url ~ '^https?://' and length(url) <= 1000),
  primary key (practice_id, position)
);

select audit_attach(t) from unnest(array['practices', 'practice_countries', 'practice_components',
    'practice_initiatives', 'practice_mandates', 'practice_documents']) as t;

-- migrate:down
drop table practice_documents;
drop table practice_mandates;
drop table practice_initiatives;
drop table practice_components;
drop table practice_countries;
drop table practices;
