import type { Kysely } from "kysely";
import type { PracticeDetail, PracticeStatus } from "../../contracts/practices.ts";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { notFound } from "../../platform/errors.ts";
import type { Principal } from "../../platform/principal.ts";
import { getPractice } from "./find-practices.ts";
import { lockPracticeRow } from "./practices.queries.ts";

/**
 * Publishes a draft, or withdraws a published practice to draft (the public no longer sees
 * it). Asking for the status it already has changes nothing and answers the practice.
 */
export async function setPracticeStatus(options: {
  db: Kysely<Database>;
  idOrSlug: string;
  status: PracticeStatus;
  version?: number | undefined;
  principal: Principal;
}): Promise<PracticeDetail> {
  return inTransaction(options.db, async (trx) => {
    const row = await lockPracticeRow(trx, options.idOrSlug);
    if (!row) throw notFound("practice", options.idOrSlug);
    if (row.status !== options.status)
      await updateVersioned(trx, {
        table: "practices",
        id: row.id,
        expectedVersion: options.version,
        changes: {
          status: options.status,
          published_at: options.status === "published" ? new Date() : null,
        },
      });
    return getPractice({ db: trx, idOrSlug: row.id, viewer: options.principal });
  });
}
