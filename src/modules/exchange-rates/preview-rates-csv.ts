import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { findExchangeRateRowsAt } from "./exchange-rates.queries.ts";
import type { RatesPreview } from "./exchange-rates.schema.ts";

type RateRowAction = RatesPreview["rows"][number]["action"];

import { readRatesCsv } from "./read-rates-csv.ts";

/** Same stored value: "1.4385" and the stored "1.438500000000" are one rate. */
const sameNumber = (a: string, b: string) =>
  a.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "") ===
  b.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");

/**
 * What importing a rates CSV would do, without writing anything: each valid row is added
 * (no rate of its currency on its date yet), replaces the stored one, or leaves it unchanged;
 * every problem names its line and column. Applying is importRatesCsv, all rows or none.
 *
 * Example: EUR,2011-06-01,1.4388 over a stored 1.438840909 of that date → replace, with the
 * stored rate beside it; GTQ,2025-01-01,… where none is stored → add.
 */
export async function previewRatesCsv(options: {
  db: Kysely<Database>;
  csv: string;
}): Promise<RatesPreview> {
  const { rows, problems } = readRatesCsv(options.csv);
  const stored = await findExchangeRateRowsAt(options.db, rows);
  const byKey = new Map(stored.map((r) => [`${r.currency} ${r.rate_date}`, r]));
  const counts = { add: 0, replace: 0, unchanged: 0 };
  const previewed = rows.map((row) => {
    const current = byKey.get(`${row.currency} ${row.date}`);
    const action: RateRowAction = !current
      ? "add"
      : sameNumber(current.usd_per_unit, row.usd_per_unit) &&
          current.basis === row.basis &&
          current.source === row.source
        ? "unchanged"
        : "replace";
    counts[action] += 1;
    return {
      ...row,
      action,
      current: current
        ? { usd_per_unit: current.usd_per_unit, basis: current.basis, source: current.source }
        : null,
    };
  });
  return { rows: previewed, counts, problems };
}
