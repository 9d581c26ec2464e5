import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import type { AuditVerdict } from "./audit.schema.ts";
import { recordAuditEvent } from "./record-audit-event.ts";
import { verifyAuditChain } from "./verify-audit-chain.ts";

/**
 * The check `esca audit verify` runs, asked for from the secretariat's audit page: the whole
 * chain recomputed, then the verdict itself appended to the trail (who checked, when, what
 * they found), so the trail shows when it was last checked and by whom. The verdict names
 * the head it checked, which the new event follows.
 */
export async function runChainVerification(options: {
  db: Kysely<Database>;
}): Promise<AuditVerdict> {
  const verdict = await verifyAuditChain({ db: options.db });
  const firstBad = verdict.ok ? null : verdict.firstBad;
  await recordAuditEvent({
    db: options.db,
    action: "chain_verified",
    entityType: "audit_log",
    entityId: null,
    details: {
      ok: verdict.ok,
      rows: verdict.rows,
      head_seq: verdict.head?.seq ?? null,
      head_hash: verdict.head?.hash ?? null,
      first_bad_seq: firstBad?.seq ?? null,
    },
  });
  return {
    ok: verdict.ok,
    rows: verdict.rows,
    head: verdict.head,
    first_bad: firstBad,
    checked_at: new Date().toISOString(),
  };
}
