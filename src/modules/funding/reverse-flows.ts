import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import type { Principal } from "../accounts/index.ts";
import { atEntry, forEntry } from "./entry-errors.ts";
import { type IdentifiedFlowValues, reversalRow } from "./entry-rows.ts";
import { findFlowRowsByIds } from "./flow-batches.queries.ts";
import type { Flow, ReverseFlowInput } from "./flows.schema.ts";
import { writeEntryRows } from "./record-flows.ts";
import { alreadyReversed, assertReversible, isDuplicateReversal } from "./reversal-rules.ts";

export interface ReversalEntry {
  flowId: string;
  input: ReverseFlowInput;
}

/**
 * reverseFlow for many entries at once, all or nothing, with a fixed number of statements
 * (read the originals, insert the reversals, check the invariant).
 *
 * The result is the ledger reverseFlow would leave called once per entry in the given order:
 * the same rows and audit rows, and the same refusals, each naming its entry
 * (`entries.3: …`) — an unknown flow, another partner's, a reversal, one already reversed
 * (also earlier in the same list), a commitment whose reversal leaves its pair disbursed
 * beyond committed without over_commitment_reason. The order matters for that last check
 * only: list disbursements before the commitments they draw on, as reversing them one by one
 * would need to.
 */
export async function reverseFlows(options: {
  db: Kysely<Database>;
  entries: readonly ReversalEntry[];
  principal: Principal;
}): Promise<Flow[]> {
  const { entries, principal } = options;
  if (!entries.length) return [];
  try {
    return await inTransaction(options.db, async (trx) => {
      const flowIds = [...new Set(entries.map((entry) => entry.flowId))];
      const originals = new Map(
        (await findFlowRowsByIds(trx, flowIds)).map((row) => [row.id, row]),
      );
      const rows: IdentifiedFlowValues[] = [];
      for (const [index, { flowId, input }] of entries.entries()) {
        rows.push(
          await forEntry(index, () => {
            const original = originals.get(flowId);
            assertReversible(original, flowId, principal);
            const id = randomUUID();
            // A second reversal of it further down the list finds this one, as in the ledger.
            originals.set(flowId, { ...original, reversed_by: id });
            return { id, ...reversalRow(original, input, principal) };
          }),
        );
      }
      return writeEntryRows(trx, rows, true);
    });
  } catch (error) {
    if (!isDuplicateReversal(error)) throw error;
    // Reversed by a concurrent writer since it was read: the key names the flow.
    const detail = (error as { detail?: string }).detail ?? "";
    const flowId = /\(reverses_id\)=\(([^)]+)\)/.exec(detail)?.[1];
    const index = entries.findIndex((entry) => entry.flowId === flowId);
    if (!flowId || index < 0) throw error;
    throw atEntry(index, alreadyReversed(flowId));
  }
}
