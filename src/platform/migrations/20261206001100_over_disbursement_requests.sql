-- migrate:up
-- A partner may not push its own disbursements past its commitment: it records an amended
-- commitment, or asks the secretariat for an override. A request holds the disbursement it
-- would record and why; the secretariat (or an admin) approves it — the disbursement is
-- then recorded in the same transaction, with the request's reason — or declines it with a
-- note. Requests are decided once: requested → approved | declined.
create table over_disbursement_requests (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references organizations (id),
  initiative_id uuid not null references initiatives (id),
  commitment_id uuid references support_flows (id),
  amount_minor bigint not null check (amount_minor > 0),
  currency char(3) not null,
  value_date date not null,
  reason text not null check (length(btrim(reason)) > 0),
  status text not null default 'requested'
    check (status in ('requested', 'approved', 'declined')),
  requested_by text not null,
  requested_by_user_id uuid references users (id),
  requested_at timestamptz not null default now(),
  decided_by text,
  decided_by_user_id uuid references users (id),
  decided_at timestamptz,
  decision_note text,
  flow_id uuid unique references support_flows (id),
  check ((status = 'requested') = (decided_at is null)),
  check ((status = 'requested') = (decided_by is null)),
  check ((status = 'approved') = (flow_id is not null))
);
create index over_disbursement_requests_partner on over_disbursement_requests (partner_id);
create index over_disbursement_requests_status on over_disbursement_requests (status);

-- Audited as every table: one audit row per changed row, per statement.
create trigger over_disbursement_requests_audit_insert after insert on over_disbursement_requests
  referencing new table as new_rows
  for each statement execute function audit_statement_change();
create trigger over_disbursement_requests_audit_update after update on over_disbursement_requests
  referencing old table as old_rows new table as new_rows
  for each statement execute function audit_statement_change();
create trigger over_disbursement_requests_audit_delete after delete on over_disbursement_requests
  referencing old table as old_rows
  for each statement execute function audit_statement_change();

-- migrate:down
drop table over_disbursement_requests;
