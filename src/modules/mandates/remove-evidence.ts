import type { Kysely } from "kysely";
import type { EvidenceKind } from "../../contracts/mandates.ts";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { notFound } from "../../platform/errors.ts";
import { deleteEvidenceRow } from "./mandates.queries.ts";

/** Removes an evidence link (the audit trail keeps that it was there). */
export async function removeEvidence(options: {
  db: Kysely<Database>;
  mandateId: string;
  evidenceId: string;
}): Promise<void> {
  await inTransaction(options.db, async (db) => {
    const result = await deleteEvidenceRow(db, options.mandateId, options.evidenceId);
    if (result.numDeletedRows === 0n) throw notFound("evidence", options.evidenceId);
  });
}

/**
 * Removes every evidence link to a record that is being deleted (a discarded draft practice),
 * inside the caller's transaction, so no mandate points at a record that is gone.
 */
export async function removeEvidenceOfRecord(options: {
  db: Kysely<Database>;
  kind: EvidenceKind;
  targetId: string;
}): Promise<number> {
  const result = await options.db
    .deleteFrom("mandate_evidence")
    .where("kind", "=", options.kind)
    .where("target_id", "=", options.targetId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
