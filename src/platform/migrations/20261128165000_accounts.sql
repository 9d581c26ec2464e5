-- migrate:up
-- Accounts: users of an organization with one role, server-side sessions, API tokens for
-- partners' systems, login throttling shared by every app instance; and what authorization
-- needs on existing records (publication, who acted).

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(email) <= 254),
  name text not null check (length(name) between 1 and 200),
  organization_id uuid not null references organizations (id),
  role text not null check (role in ('focal_point', 'partner', 'secretariat', 'admin')),
  active boolean not null default true,
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  totp_secret text,
  totp_enabled boolean not null default false,
  is_demo boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email on users (lower(email));

-- The cookie carries a random token; only its SHA-256 is stored, so a leaked table cannot
-- be replayed as sessions.
create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id),
  csrf_token text not null,
  totp_verified boolean not null default false,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz,
  client_address text,
  user_agent text
);
create index sessions_user on sessions (user_id) where ended_at is null;

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  organization_id uuid not null references organizations (id),
  name text not null check (length(name) between 1 and 100),
  prefix text not null,
  token_hash text not null unique,
  scopes text[] not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user on api_tokens (user_id);

-- Failed logins per account and per client address: after a few, each further attempt
-- waits longer (blocked_until), whichever instance answers.
create table login_throttle (
  key text primary key,
  failures integer not null default 0,
  last_failure_at timestamptz,
  blocked_until timestamptz
);

alter table initiatives add column published_at timestamptz;
alter table initiative_transitions add column actor_user_id uuid references users (id);
alter table support_flows add column recorded_by_user_id uuid references users (id);

-- migrate:down
alter table support_flows drop column recorded_by_user_id;
alter table initiative_transitions drop column actor_user_id;
alter table initiatives drop column published_at;
drop table login_throttle;
drop table api_tokens;
drop table sessions;
drop table users;
