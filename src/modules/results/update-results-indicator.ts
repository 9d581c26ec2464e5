import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { notFound } from "../../platform/errors.ts";
import type { Principal } from "../accounts/index.ts";
import { loadForWrite } from "./load-for-write.ts";
import { replaceTargetRows, resultsIndicatorRows } from "./results.queries.ts";
import type { ResultsIndicator, UpdateResultsIndicatorInput } from "./results.schema.ts";
import { toResultsIndicators } from "./to-results-indicator.ts";

/** Renames an indicator or resets its baseline or targets (the actuals stay as reported). */
export async function updateResultsIndicator(options: {
  db: Kysely<Database>;
  id: string;
  input: UpdateResultsIndicatorInput;
  principal: Principal;
}): Promise<ResultsIndicator> {
  const { input } = options;
  return inTransaction(options.db, async (trx) => {
    const row = await loadForWrite(trx, options.id, options.principal);
    await updateVersioned(trx, {
      table: "results_indicators",
      id: row.id,
      expectedVersion: input.version,
      changes: {
        ...(input.name?.es !== undefined && { name_es: input.name.es }),
        ...(input.name?.en !== undefined && { name_en: input.name.en }),
        ...(input.unit !== undefined && { unit: input.unit }),
        ...(input.baseline !== undefined && {
          baseline_value: input.baseline?.value ?? null,
          baseline_year: input.baseline?.year ?? null,
        }),
        illustrative: false,
      },
    });
    if (input.targets) await replaceTargetRows(trx, row.id, input.targets);
    const [updated] = await toResultsIndicators(
      trx,
      await resultsIndicatorRows(trx, { id: row.id }),
    );
    if (!updated) throw notFound("results indicator", row.id);
    return updated;
  });
}
