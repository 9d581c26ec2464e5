import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../accounts/index.ts";
import { assertVisibleInitiative } from "../initiatives/index.ts";
import { canReportResults } from "./results.policy.ts";
import { resultsIndicatorRows } from "./results.queries.ts";

/**
 * A results indicator about to change: not found when its initiative is hidden from the
 * principal (exactly as a missing one), refused when the principal may not report on it.
 */
export async function loadForWrite(db: Kysely<Database>, id: string, principal: Principal) {
  const [row] = await resultsIndicatorRows(db, { id });
  if (!row) throw notFound("results indicator", id);
  const initiative = await assertVisibleInitiative(db, row.initiative_id, principal);
  assertAllowed(canReportResults(principal, initiative));
  return row;
}
