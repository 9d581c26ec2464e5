import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { notFound } from "../../platform/errors.ts";
import { findIndicatorRow, toIndicator } from "./indicators.queries.ts";
import type { Indicator, UpdateIndicatorInput } from "./indicators.schema.ts";

export async function updateIndicator(options: {
  db: Kysely<Database>;
  idOrCode: string;
  input: UpdateIndicatorInput;
}): Promise<Indicator> {
  const { db, input } = options;
  return inTransaction(db, async (trx) => {
    const existing = await findIndicatorRow(trx, options.idOrCode);
    if (!existing) throw notFound("indicator", options.idOrCode);
    await updateVersioned(trx, {
      table: "indicators",
      id: existing.id,
      expectedVersion: input.version,
      changes: {
        ...(input.name?.es !== undefined && { name_es: input.name.es }),
        ...(input.name?.en !== undefined && { name_en: input.name.en }),
        ...(input.unit !== undefined && { unit: input.unit }),
        ...(input.direction !== undefined && { direction: input.direction }),
        ...(input.source !== undefined && { source: input.source }),
        ...(input.sdg_indicator !== undefined && { sdg_indicator: input.sdg_indicator }),
      },
    });
    const updated = await findIndicatorRow(trx, existing.id);
    if (!updated) throw notFound("indicator", existing.id);
    return toIndicator(updated);
  });
}
