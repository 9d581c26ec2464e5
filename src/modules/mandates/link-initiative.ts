import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { notFound } from "../../platform/errors.ts";
import {
  deleteInitiativeLink,
  findMandateRow,
  initiativeExists,
  insertInitiativeLink,
} from "./mandates.queries.ts";

/** Records that an initiative answers a paragraph (the secretariat's call); idempotent. */
export async function linkInitiative(options: {
  db: Kysely<Database>;
  mandateId: string;
  initiativeId: string;
  illustrative?: boolean;
}): Promise<void> {
  await inTransaction(options.db, async (db) => {
    if (!(await findMandateRow(db, options.mandateId)))
      throw notFound("mandate", options.mandateId);
    if (!(await initiativeExists(db, options.initiativeId)))
      throw notFound("initiative", options.initiativeId);
    await insertInitiativeLink(db, {
      mandate_id: options.mandateId,
      initiative_id: options.initiativeId,
      illustrative: options.illustrative ?? false,
    });
  });
}

export async function unlinkInitiative(options: {
  db: Kysely<Database>;
  mandateId: string;
  initiativeId: string;
}): Promise<void> {
  await inTransaction(options.db, async (db) => {
    const result = await deleteInitiativeLink(db, options.mandateId, options.initiativeId);
    if (result.numDeletedRows === 0n)
      throw notFound("link of that initiative to the mandate", options.initiativeId);
  });
}
