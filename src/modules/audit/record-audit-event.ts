import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { appendAuditEvent } from "./audit.queries.ts";

/**
 * Events that change no row, so no trigger sees them (SECURITY-CHECKLIST 16.3.1, 16.3.2).
 * Row changes — including users, sessions and tokens — are recorded by the triggers.
 */
export type AuditEventAction =
  | "login"
  | "logout"
  | "login_failed"
  | "access_denied"
  | "recovery_code_used"
  | "recovery_codes_generated"
  | "chain_verified";

/**
 * Appends one event to the audit chain, attributed to the current request context (who,
 * organization, request id, client address). It runs as its own statement and commits at
 * once, so the event stays recorded when the request then fails — which is the point for a
 * failed login or a refusal.
 *
 * `db` must be the application's database, not a transaction: an event written inside a
 * transaction would vanish with its rollback. On the embedded backend, do not call it while
 * the same request holds an open transaction either: PGlite has one connection, and this
 * call would wait for it forever.
 *
 *   await recordAuditEvent({ db: ctx.db, action: "login_failed", entityType: "users",
 *     entityId: null, details: { email: "who@example.org", reason: "bad_password" } });
 */
export async function recordAuditEvent(options: {
  db: Kysely<Database>;
  action: AuditEventAction;
  entityType: string;
  entityId: string | null;
  /** Stored in the entry's `after`; never put a password, token or secret here. */
  details?: Record<string, unknown> | null;
}): Promise<{ seq: bigint; id: string }> {
  if (options.db.isTransaction) {
    throw new AppError(
      "internal",
      "Audit events are recorded outside transactions, so that a rollback cannot erase them.",
    );
  }
  return appendAuditEvent(options.db, {
    action: options.action,
    entityType: options.entityType,
    entityId: options.entityId,
    details: options.details ?? null,
  });
}
