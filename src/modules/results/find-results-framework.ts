import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import type { Principal } from "../accounts/index.ts";
import { assertVisibleInitiative } from "../initiatives/index.ts";
import { resultsIndicatorRows } from "./results.queries.ts";
import type { ResultsFramework } from "./results.schema.ts";
import { toResultsIndicators } from "./to-results-indicator.ts";

/** An initiative's results framework, seen by whoever may see the initiative. */
export async function findResultsFramework(options: {
  db: Kysely<Database>;
  initiativeIdOrCode: string;
  viewer: Principal;
}): Promise<ResultsFramework> {
  const initiative = await assertVisibleInitiative(
    options.db,
    options.initiativeIdOrCode,
    options.viewer,
  );
  const rows = await resultsIndicatorRows(options.db, { initiativeId: initiative.id });
  return { data: await toResultsIndicators(options.db, rows) };
}

/**
 * The results frameworks of several initiatives the caller has already shown the reader (the
 * mandates' trace), each indicator with its targets, actuals and progress to target.
 */
export async function findResultsIndicatorsOf(options: {
  db: Kysely<Database>;
  initiativeIds: string[];
}): Promise<ResultsFramework["data"]> {
  const all: ResultsFramework["data"] = [];
  for (const initiativeId of options.initiativeIds) {
    const rows = await resultsIndicatorRows(options.db, { initiativeId });
    all.push(...(await toResultsIndicators(options.db, rows)));
  }
  return all;
}
