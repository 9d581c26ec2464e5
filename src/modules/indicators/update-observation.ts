import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { notFound } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../accounts/index.ts";
import { canReportObservation } from "./indicators.policy.ts";
import { findObservationRow, toObservation } from "./indicators.queries.ts";
import type { Observation, UpdateObservationInput } from "./indicators.schema.ts";

export async function updateObservation(options: {
  db: Kysely<Database>;
  id: string;
  input: UpdateObservationInput;
  principal: Principal;
}): Promise<Observation> {
  const { db, input } = options;
  return inTransaction(db, async (trx) => {
    const existing = await findObservationRow(trx, options.id);
    if (!existing) throw notFound("observation", options.id);
    assertAllowed(canReportObservation(options.principal, existing.country_iso2));
    await updateVersioned(trx, {
      table: "indicator_observations",
      id: existing.id,
      expectedVersion: input.version,
      changes: {
        ...(input.value !== undefined && { value: input.value }),
        ...(input.source !== undefined && { source: input.source }),
        ...(input.notes !== undefined && { notes: input.notes }),
      },
    });
    const updated = await findObservationRow(trx, existing.id);
    if (!updated) throw notFound("observation", existing.id);
    return toObservation(updated);
  });
}
