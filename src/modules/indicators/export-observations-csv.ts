import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { trimDecimal } from "./decimal.ts";
import { allObservationRows, findIndicatorRow } from "./indicators.queries.ts";
import { csvCell, OBSERVATION_COLUMNS } from "./read-observations-csv.ts";

/**
 * An indicator's observations as CSV, in the columns the import reads back: every source and
 * disaggregation on its own row, so an exported file imports unchanged.
 */
export async function exportObservationsCsv(options: {
  db: Kysely<Database>;
  indicatorIdOrCode: string;
}): Promise<{ code: string; csv: string }> {
  const indicator = await findIndicatorRow(options.db, options.indicatorIdOrCode);
  if (!indicator) throw notFound("indicator", options.indicatorIdOrCode);
  const rows = await allObservationRows(options.db, indicator.id);
  const lines = rows.map((r) =>
    [indicator.code, r.country_iso2, r.year, r.sex, trimDecimal(r.value), r.source, r.notes]
      .map(csvCell)
      .join(","),
  );
  return {
    code: indicator.code,
    csv: `${[OBSERVATION_COLUMNS.join(","), ...lines].join("\r\n")}\r\n`,
  };
}
