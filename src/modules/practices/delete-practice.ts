import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { removeEvidenceOfRecord } from "../mandates/index.ts";
import { deletePracticeRow, lockPracticeRow } from "./practices.queries.ts";

/**
 * A draft may be discarded (the audit trail keeps what it held), and with it any link naming it
 * as a mandate's evidence; a published practice is withdrawn to draft first, so nothing the
 * public read disappears unannounced.
 */
export async function deletePractice(options: { db: Kysely<Database>; idOrSlug: string }) {
  await inTransaction(options.db, async (trx) => {
    const row = await lockPracticeRow(trx, options.idOrSlug);
    if (!row) throw notFound("practice", options.idOrSlug);
    if (row.status !== "draft")
      throw new AppError(
        "conflict",
        "A published practice is withdrawn to draft before it is deleted.",
        { reason: "practice_published" },
      );
    // A mandate's evidence naming the draft goes with it (the audit trail keeps both).
    await removeEvidenceOfRecord({ db: trx, kind: "practice", targetId: row.id });
    await deletePracticeRow(trx, row.id);
  });
}
