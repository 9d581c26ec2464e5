import { currentContext } from "../request-context.ts";

/**
 * Who is acting travels to PostgreSQL as the session setting `esca.ctx`, which the audit
 * trigger reads (20261128170500_audit.sql). The pools run this statement every time they
 * hand out a connection — before any BEGIN, so it is a session setting that outlives the
 * transaction — and a connection therefore never carries the previous borrower's context.
 */
export const SET_SESSION_CONTEXT = "select set_config('esca.ctx', $1, false)";

/** The current context as the JSON the trigger expects, or "" (the trigger's "system"). */
export function sessionContextValue(): string {
  const context = currentContext();
  if (!context) return "";
  return JSON.stringify({
    actor: context.actor,
    user_id: context.userId,
    organization_id: context.organizationId,
    request_id: context.requestId,
    client_address: context.clientAddress,
  });
}
