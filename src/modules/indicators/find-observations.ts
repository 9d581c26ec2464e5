import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { findIndicatorRow, listObservationRows, toObservation } from "./indicators.queries.ts";
import type { ListObservationsQuery } from "./indicators.schema.ts";

export async function findObservations(options: {
  db: Kysely<Database>;
  indicatorIdOrCode: string;
  query: ListObservationsQuery;
}) {
  const { db, query } = options;
  const indicator = await findIndicatorRow(db, options.indicatorIdOrCode);
  if (!indicator) throw notFound("indicator", options.indicatorIdOrCode);
  const { rows, total } = await listObservationRows(db, indicator.id, query);
  return {
    data: rows.map(toObservation),
    page: { total, limit: query.limit, offset: query.offset },
  };
}
