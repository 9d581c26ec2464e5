import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { type FlowValues, pairAtRisk } from "./entry-rows.ts";
import { publishFlowsRecorded } from "./flow-events.ts";
import { insertFlowRowReturning, toFlow } from "./flows.queries.ts";
import type { Flow } from "./flows.schema.ts";
import { type EntryAtRisk, writeWithinCommitments } from "./ledger-invariant.ts";

/**
 * The last step of recording or reversing one entry, inside the use case's transaction: the
 * row written within its pair's commitments (unless a reason its writer may give overrides
 * the check), read back as the API answers it by the INSERT itself (one statement); "flow
 * recorded" is heard at commit.
 */
export async function writeEntry(
  trx: Kysely<Database>,
  values: FlowValues,
  risk: Omit<EntryAtRisk, "pair">,
): Promise<Flow> {
  const row = await writeWithinCommitments(trx, { pair: pairAtRisk(values), ...risk }, () =>
    insertFlowRowReturning(trx, values),
  );
  await publishFlowsRecorded(trx, [values]);
  return toFlow(row);
}
