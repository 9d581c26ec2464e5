-- migrate:up
-- Accounts join the audit trail. Secrets never enter it: password hashes, TOTP secrets and
-- token hashes are left out of before/after. Sessions are not audited row by row (their
-- idle clock moves on every request); sign-in and sign-out are recorded as events instead.
create trigger users_audit after insert or update or delete on users
  for each row execute function audit_row_change('password_hash', 'totp_secret');
create trigger api_tokens_audit after insert or update or delete on api_tokens
  for each row execute function audit_row_change('token_hash');

-- migrate:down
drop trigger api_tokens_audit on api_tokens;
drop trigger users_audit on users;
