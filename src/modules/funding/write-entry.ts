import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { type FlowValues, pairAtRisk } from "./entry-rows.ts";
import { findFlowRow, insertFlowRow, toFlow } from "./flows.queries.ts";
import type { Flow } from "./flows.schema.ts";
import { type EntryAtRisk, writeWithinCommitments } from "./ledger-invariant.ts";

/**
 * The last step of recording or reversing one entry, inside the use case's transaction: the
 * row written within its pair's commitments (unless a reason its writer may give overrides
 * the check), then read back as the API answers it.
 */
export async function writeEntry(
  trx: Kysely<Database>,
  values: FlowValues,
  risk: Omit<EntryAtRisk, "pair">,
): Promise<Flow> {
  const { id } = await writeWithinCommitments(trx, { pair: pairAtRisk(values), ...risk }, () =>
    insertFlowRow(trx, values),
  );
  const row = await findFlowRow(trx, id);
  if (!row) throw notFound("flow", id);
  return toFlow(row);
}
