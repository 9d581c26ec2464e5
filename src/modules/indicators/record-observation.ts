import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { notFound } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../accounts/index.ts";
import { canReportObservation } from "./indicators.policy.ts";
import {
  findIndicatorRow,
  findObservationRow,
  toObservation,
  upsertObservationRow,
} from "./indicators.queries.ts";
import type { Observation, RecordObservationInput } from "./indicators.schema.ts";

/**
 * Records the value of an indicator for a country, year, source and sex, correcting the one
 * recorded before from that source. Recording the same value again changes nothing, so
 * re-running an import leaves versions alone; another source starts another series.
 */
export async function recordObservation(options: {
  db: Kysely<Database>;
  indicatorIdOrCode: string;
  input: RecordObservationInput;
  principal: Principal;
}): Promise<{ observation: Observation; created: boolean }> {
  const { db, input } = options;
  assertAllowed(canReportObservation(options.principal, input.country));
  return inTransaction(db, async (trx) => {
    const indicator = await findIndicatorRow(trx, options.indicatorIdOrCode);
    if (!indicator) throw notFound("indicator", options.indicatorIdOrCode);
    const { id, created } = await upsertObservationRow(trx, {
      indicator_id: indicator.id,
      country_iso2: input.country,
      year: input.year,
      value: input.value,
      source: input.source,
      sex: input.sex,
      notes: input.notes ?? null,
    });
    const row = await findObservationRow(trx, id);
    if (!row) throw notFound("observation", id);
    return { observation: toObservation(row), created };
  });
}
