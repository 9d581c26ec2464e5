import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { findIndicatorRow, listIndicatorRows, toIndicator } from "./indicators.queries.ts";
import type { Indicator, ListIndicatorsQuery } from "./indicators.schema.ts";

export async function findIndicators(options: {
  db: Kysely<Database>;
  query: ListIndicatorsQuery;
}) {
  const { rows, total } = await listIndicatorRows(options.db, options.query);
  return {
    data: rows.map(toIndicator),
    page: { total, limit: options.query.limit, offset: options.query.offset },
  };
}

export async function getIndicator(options: {
  db: Kysely<Database>;
  idOrCode: string;
}): Promise<Indicator> {
  const row = await findIndicatorRow(options.db, options.idOrCode);
  if (!row) throw notFound("indicator", options.idOrCode);
  return toIndicator(row);
}
