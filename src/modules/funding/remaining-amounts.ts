import type { Kysely } from "kysely";
import { moneyOut } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { FlowVisibility } from "./flows.queries.ts";
import type { Flow } from "./flows.schema.ts";
import { sumRecordedAgainst } from "./remaining.queries.ts";

export interface Remaining {
  /** In the entry's own currency; null when some entry against it is in another one. */
  remaining: Flow["value"];
  remaining_usd: Flow["value_usd"];
}

/**
 * What is left on each pledge (pledged − committed against it) and commitment (committed −
 * disbursed against it), net of reversals: the one place the figure is computed. A
 * disbursement approved above its commitment leaves a negative remainder, shown as it is.
 * Only entries the reader may see are counted (`visibility`, as the ledger lists them).
 *
 * Worked example: a commitment of EUR 1,000.00 (USD 1,438.50 at 1.4385); a disbursement of
 * EUR 400.00 (USD 560.00 at 1.40), another of EUR 100.00 reversed → remaining EUR 600.00,
 * remaining_usd USD 878.50 (1,438.50 − 560.00): each USD figure at its own entry's rate.
 */
export async function remainingAmounts(
  db: Kysely<Database>,
  ids: readonly string[],
  visibility: FlowVisibility,
): Promise<Map<string, Remaining>> {
  if (ids.length === 0) return new Map();
  const rows = await sumRecordedAgainst(db, ids, visibility);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        remaining:
          row.amount_minor === null || row.currency === null || Number(row.in_other_currencies) > 0
            ? null
            : moneyOut(row.amount_minor - BigInt(row.against_own_minor), row.currency),
        remaining_usd:
          row.usd_minor === null
            ? null
            : moneyOut(row.usd_minor - BigInt(row.against_usd_minor), "USD"),
      },
    ]),
  );
}
