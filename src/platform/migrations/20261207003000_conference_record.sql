-- migrate:up
-- AG/RES. 2626 ¶1–¶2: a conference as a record of its own — its programme, delegations,
-- documents, the preparatory contributions of the Group of Friends — and the pledges
-- announced there, each tagged to the conference and the session it was announced at.

-- A conference is a draft until the secretariat publishes it; the public sees published
-- ones only. Conferences recorded before this migration were public already.
alter table conferences add column status text not null default 'draft'
  check (status in ('draft', 'published'));
alter table conferences add column published_at timestamptz;
update conferences set status = 'published', published_at = now();
alter table conferences add constraint conferences_published_at
  check ((status = 'published') = (published_at is not null));

-- The programme: times are local to the venue ("09:30"), on one day of the conference.
create table conference_sessions (
  id uuid primary key default gen_random_uuid(),
  conference_id uuid not null references conferences (id),
  day date not null,
  starts_at text not null check (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ends_at text not null check (ends_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  title_es text not null check (length(title_es) between 1 and 500),
  title_en text not null check (length(title_en) between 1 and 500),
  chair_organization_id uuid references organizations (id),
  chair_role_es text check (length(chair_role_es) between 1 and 300),
  chair_role_en text check (length(chair_role_en) between 1 and 300),
  illustrative boolean not null default false,
  source text check (length(source) between 1 and 1000),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check ((chair_role_es is null) = (chair_role_en is null)),
  check (illustrative or source is not null),
  -- the pair a pledge's (session, conference) points at, so a session of another
  -- conference cannot be named
  unique (id, conference_id)
);
create index conference_sessions_conference on conference_sessions (conference_id, day, starts_at);

-- Who came and at what level. A head of delegation is described by title; a person's name
-- is kept only once it is marked as published (the public record names them).
create table conference_delegations (
  id uuid primary key default gen_random_uuid(),
  conference_id uuid not null references conferences (id),
  organization_id uuid not null references organizations (id),
  level text not null check (level in ('head_of_state', 'vice_president', 'minister',
    'vice_minister', 'ambassador', 'head_of_organization', 'senior_official', 'other')),
  head_title_es text not null check (length(head_title_es) between 1 and 300),
  head_title_en text not null check (length(head_title_en) between 1 and 300),
  head_name text check (length(head_name) between 1 and 200),
  head_name_published boolean not null default false,
  illustrative boolean not null default false,
  source text check (length(source) between 1 and 1000),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (head_name is null or head_name_published),
  check (illustrative or source is not null),
  unique (conference_id, organization_id)
);

-- Documents of the conference, as links (the Declaration of Guatemala).
create table conference_documents (
  id uuid primary key default gen_random_uuid(),
  conference_id uuid not null references conferences (id),
  kind text not null check (kind in ('declaration', 'action_plan', 'programme', 'resolution',
    'report', 'press_release', 'other')),
  title_es text not null check (length(title_es) between 1 and 500),
  title_en text not null check (length(title_en) between 1 and 500),
  url text not null check (url ~ '^https?://' and length(url) <= 2000),
  issued_on date,
  source text check (length(source) between 1 and 1000),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index conference_documents_conference on conference_documents (conference_id);

-- ¶2: what a member of the Group of Friends did in the preparatory work of a conference
-- (hosted a meeting, financed the secretariat of the preparations…), in words.
create table conference_contributions (
  id uuid primary key default gen_random_uuid(),
  conference_id uuid not null references conferences (id),
  organization_id uuid not null references organizations (id),
  description_es text not null check (length(description_es) between 1 and 2000),
  description_en text not null check (length(description_en) between 1 and 2000),
  contributed_on date,
  illustrative boolean not null default false,
  source text check (length(source) between 1 and 1000),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (illustrative or source is not null)
);
create index conference_contributions_organization on conference_contributions (organization_id);
create index conference_contributions_conference on conference_contributions (conference_id);

-- When a member joined the Group of Friends (organizations.group_of_friends says whether).
create table group_of_friends_joins (
  organization_id uuid primary key references organizations (id),
  joined_on date not null,
  illustrative boolean not null default false,
  source text check (length(source) between 1 and 1000),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (illustrative or source is not null)
);

-- The session a pledge was announced at. support_flows stays append-only: adding a
-- nullable column rewrites no row. The pair (session, conference) must name a session of
-- that conference, and only a pledge (or its reversal) is announced at a session.
alter table support_flows add column conference_session_id uuid;
alter table support_flows add constraint support_flows_conference_session
  foreign key (conference_session_id, conference_id)
  references conference_sessions (id, conference_id);
alter table support_flows add constraint support_flows_session_pledge_only
  check (conference_session_id is null or (flow_type = 'pledge' and conference_id is not null));
create index support_flows_conference on support_flows (conference_id)
  where conference_id is not null;

select audit_attach(t) from unnest(array['conference_sessions', 'conference_delegations',
    'conference_documents', 'conference_contributions', 'group_of_friends_joins']) as t;

-- migrate:down
drop index support_flows_conference;
alter table support_flows drop constraint support_flows_session_pledge_only;
alter table support_flows drop constraint support_flows_conference_session;
alter table support_flows drop column conference_session_id;
drop table group_of_friends_joins;
drop table conference_contributions;
drop table conference_documents;
drop table conference_delegations;
drop table conference_sessions;
alter table conferences drop constraint conferences_published_at;
alter table conferences drop column published_at;
alter table conferences drop column status;
