import type { Kysely } from "kysely";
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
