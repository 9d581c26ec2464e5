-- migrate:up
-- An API token acts with the role it was created under, capped by its user's current one:
-- the role is kept on the token (the organization already is). Tokens made before this
-- change are taken to have been made under their user's present role, the best known.
alter table api_tokens add column role text
  check (role in ('focal_point', 'partner', 'secretariat', 'admin'));
update api_tokens t set role = u.role from users u where u.id = t.user_id;
alter table api_tokens alter column role set not null;

-- migrate:down
alter table api_tokens drop column role;
