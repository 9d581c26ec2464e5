import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../accounts/index.ts";
import { assertVisibleInitiative } from "../initiatives/index.ts";
import { canReportResults } from "./results.policy.ts";
import {
  codeTaken,
  insertResultsIndicatorRow,
  nationalIndicatorId,
  replaceTargetRows,
  resultsIndicatorRows,
} from "./results.queries.ts";
import type { DefineResultsIndicatorInput, ResultsIndicator } from "./results.schema.ts";
import { toResultsIndicators } from "./to-results-indicator.ts";

/** Adds an output or outcome indicator, with its baseline and targets, to an initiative. */
export async function defineResultsIndicator(options: {
  db: Kysely<Database>;
  initiativeIdOrCode: string;
  input: DefineResultsIndicatorInput;
  principal: Principal;
  illustrative?: boolean;
}): Promise<ResultsIndicator> {
  const { input } = options;
  return inTransaction(options.db, async (trx) => {
    const initiative = await assertVisibleInitiative(
      trx,
      options.initiativeIdOrCode,
      options.principal,
    );
    assertAllowed(canReportResults(options.principal, initiative));
    if (await codeTaken(trx, initiative.id, input.code)) {
      throw new AppError("conflict", `${initiative.code} has an indicator ${input.code} already.`, {
        details: [
          { path: "code", message: "is taken in this initiative", rule: { code: "taken" } },
        ],
      });
    }
    let national: string | null = null;
    if (input.national_indicator) {
      const found = await nationalIndicatorId(trx, input.national_indicator);
      if (!found)
        throw invalidField("national_indicator", `no indicator ${input.national_indicator}`, {
          code: "unknown_indicator",
        });
      national = found.id;
    }
    const { id } = await insertResultsIndicatorRow(trx, {
      initiative_id: initiative.id,
      code: input.code,
      level: input.level,
      name_es: input.name.es,
      name_en: input.name.en,
      unit: input.unit,
      direction: input.direction,
      baseline_value: input.baseline?.value ?? null,
      baseline_year: input.baseline?.year ?? null,
      national_indicator_id: national,
      illustrative: options.illustrative ?? false,
    });
    await replaceTargetRows(trx, id, input.targets);
    const [created] = await toResultsIndicators(trx, await resultsIndicatorRows(trx, { id }));
    if (!created) throw notFound("results indicator", id);
    return created;
  });
}
