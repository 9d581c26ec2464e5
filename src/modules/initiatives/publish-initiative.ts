import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../accounts/index.ts";
import { canPublishInitiative } from "./initiatives.policy.ts";
import { lockInitiativeRow } from "./initiatives.queries.ts";
import type { Initiative } from "./initiatives.schema.ts";
import { loadInitiative } from "./to-initiative.ts";

/**
 * Makes an initiative public (or withdraws it). A draft is its country's working copy and is
 * never published; from submission on, the secretariat decides what the public sees.
 */
export async function publishInitiative(options: {
  db: Kysely<Database>;
  idOrCode: string;
  published: boolean;
  version?: number | undefined;
  principal: Principal;
}): Promise<Initiative> {
  assertAllowed(canPublishInitiative(options.principal));
  return inTransaction(options.db, async (trx) => {
    const row = await lockInitiativeRow(trx, options.idOrCode);
    if (!row) throw notFound("initiative", options.idOrCode);
    if (options.published && row.status === "draft") {
      throw new AppError(
        "invalid_transition",
        `${row.code} is a draft: it can be published once its country submits it.`,
        { reason: "publish_draft", values: { initiative: row.code } },
      );
    }
    await updateVersioned(trx, {
      table: "initiatives",
      id: row.id,
      expectedVersion: options.version,
      changes: { published_at: options.published ? (row.published_at ?? new Date()) : null },
    });
    return loadInitiative(trx, row.id);
  });
}
