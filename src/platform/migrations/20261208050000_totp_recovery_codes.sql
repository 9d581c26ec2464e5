-- migrate:up
-- Recovery codes of the second factor (issue 19, item 6): made when TOTP is turned on (or
-- made anew, which deletes the old set), each signs in once in place of an authenticator
-- code. Only the SHA-256 of each code is kept — the codes have 80 bits of randomness, so a
-- plain hash cannot be reversed by guessing — and the audit rows leave even the hash out.
create table totp_recovery_codes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  used_at timestamptz,
  unique (user_id, code_hash)
);
create index totp_recovery_codes_user on totp_recovery_codes (user_id) where used_at is null;

select audit_attach('totp_recovery_codes', array['code_hash']);

-- migrate:down
drop table totp_recovery_codes;
