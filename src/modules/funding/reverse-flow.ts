import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import type { Principal } from "../accounts/index.ts";
import { reversalRow } from "./entry-rows.ts";
import { findFlowRow } from "./flows.queries.ts";
import type { Flow, ReverseFlowInput } from "./flows.schema.ts";
import { alreadyReversed, assertReversible, isDuplicateReversal } from "./reversal-rules.ts";
import { writeEntry } from "./write-entry.ts";

/**
 * Corrects a ledger entry the only way the ledger allows: a new row naming it in reverses_id
 * and carrying its amounts negated, at the original rate, so that every sum nets to zero.
 *
 * Worked example: commitment 1,234.56 EUR = 1,775.91 USD at 1.4385 → reversal −1,234.56 EUR
 * = −1,775.91 USD at 1.4385; committed for the pair drops by exactly 1,775.91 USD (converting
 * −1,234.56 EUR afresh could round differently, or use a rate edited since).
 *
 * The reversal is dated like the original unless a value_date is given, so by default a
 * roll-up by year shows the correction in the year of the mistake.
 */
export async function reverseFlow(options: {
  db: Kysely<Database>;
  flowId: string;
  input: ReverseFlowInput;
  principal: Principal;
}): Promise<Flow> {
  const { flowId, input, principal } = options;
  try {
    return await inTransaction(options.db, async (trx) => {
      const original = await findFlowRow(trx, flowId);
      assertReversible(original, flowId, principal);
      const values = reversalRow(original, input, principal);
      // Only removing committed money can leave a pair over-disbursed.
      return await writeEntry(trx, values, {
        overrideReason: input.over_commitment_reason,
        mayOverride: true,
        usdMinor: 0n,
      });
    });
  } catch (error) {
    if (isDuplicateReversal(error)) throw alreadyReversed(flowId);
    throw error;
  }
}
