import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { notFound } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../accounts/index.ts";
import { canReportObservation } from "./indicators.policy.ts";
import { findIndicatorRow, findObservationRow, toObservation } from "./indicators.queries.ts";
import type { Observation, RecordObservationInput } from "./indicators.schema.ts";

/**
 * Records the value of an indicator for a country and year, replacing the one recorded
 * before (a newer release of the same statistic). Recording the same value and source again
 * changes nothing, so re-running an import leaves versions alone.
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
    const written = await trx
      .insertInto("indicator_observations")
      .values({
        indicator_id: indicator.id,
        country_iso2: input.country,
        year: input.year,
        value: input.value,
        source: input.source,
      })
      .onConflict((oc) =>
        oc
          .columns(["indicator_id", "country_iso2", "year"])
          .doUpdateSet((eb) => ({
            value: eb.ref("excluded.value"),
            source: eb.ref("excluded.source"),
            version: sql<number>`indicator_observations.version + 1`,
            updated_at: new Date(),
          }))
          .where((eb) =>
            eb.or([
              eb("indicator_observations.value", "<>", eb.ref("excluded.value")),
              eb("indicator_observations.source", "<>", eb.ref("excluded.source")),
            ]),
          ),
      )
      // xmax is 0 on a freshly inserted row and set on a row the upsert updated.
      .returning(["id", sql<boolean>`xmax = 0`.as("created")])
      .executeTakeFirst();
    const id =
      written?.id ??
      (
        await trx
          .selectFrom("indicator_observations")
          .select("id")
          .where("indicator_id", "=", indicator.id)
          .where("country_iso2", "=", input.country)
          .where("year", "=", input.year)
          .executeTakeFirstOrThrow()
      ).id;
    const row = await findObservationRow(trx, id);
    if (!row) throw notFound("observation", id);
    return { observation: toObservation(row), created: written?.created === true };
  });
}
