import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { notFound } from "../../platform/errors.ts";
import { findComponentRow, linesOfComponents, toComponent } from "./strategy.queries.ts";
import type { Component, UpdateComponentInput } from "./strategy.schema.ts";

export async function updateComponent(options: {
  db: Kysely<Database>;
  idOrCode: string;
  input: UpdateComponentInput;
}): Promise<Component> {
  const { db, input } = options;
  return inTransaction(db, async (trx) => {
    const existing = await findComponentRow(trx, options.idOrCode);
    if (!existing) throw notFound("strategy component", options.idOrCode);
    await updateVersioned(trx, {
      table: "strategy_components",
      id: existing.id,
      expectedVersion: input.version,
      changes: {
        ...(input.name?.es !== undefined && { name_es: input.name.es }),
        ...(input.name?.en !== undefined && { name_en: input.name.en }),
        ...(input.description?.es !== undefined && { description_es: input.description.es }),
        ...(input.description?.en !== undefined && { description_en: input.description.en }),
      },
    });
    const updated = await findComponentRow(trx, existing.id);
    if (!updated) throw notFound("strategy component", existing.id);
    return toComponent(updated, await linesOfComponents(trx, [existing.id]));
  });
}
