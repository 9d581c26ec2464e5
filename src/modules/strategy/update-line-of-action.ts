import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { notFound } from "../../platform/errors.ts";
import { findLineOfActionRow, toLineOfAction } from "./strategy.queries.ts";
import type { LineOfAction, UpdateLineOfActionInput } from "./strategy.schema.ts";

export async function updateLineOfAction(options: {
  db: Kysely<Database>;
  idOrCode: string;
  input: UpdateLineOfActionInput;
}): Promise<LineOfAction> {
  const { db, input } = options;
  return inTransaction(db, async (trx) => {
    const existing = await findLineOfActionRow(trx, options.idOrCode);
    if (!existing) throw notFound("line of action", options.idOrCode);
    await updateVersioned(trx, {
      table: "lines_of_action",
      id: existing.id,
      expectedVersion: input.version,
      changes: {
        ...(input.name?.es !== undefined && { name_es: input.name.es }),
        ...(input.name?.en !== undefined && { name_en: input.name.en }),
      },
    });
    const updated = await findLineOfActionRow(trx, existing.id);
    if (!updated) throw notFound("line of action", existing.id);
    return toLineOfAction(updated);
  });
}
