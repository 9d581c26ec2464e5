-- migrate:up
-- A TOTP code is accepted once (RFC 6238 §5.2): the last accepted 30-second step of each
-- user; a code of that step or an earlier one is refused. Kept out of `users` so that a
-- sign-in with a code is not a change of the account in the audit trail (the sign-in is).
create table totp_used_steps (
  user_id uuid primary key references users (id),
  step bigint not null
);

-- migrate:down
drop table totp_used_steps;
