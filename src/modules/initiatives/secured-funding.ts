import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { isBudgetCovered, summarizeFunding } from "../funding/index.ts";

/**
 * Paragraph 10 of AG/RES. 2626: activities are subject to the availability of resources.
 * An initiative starts execution only when commitments cover its budget (committed USD ≥
 * budget USD, from the one funding roll-up every figure comes from), or when someone
 * overrides that with a reason, which the history records.
 *
 * Worked example: budget USD 1,500,000.00, committed USD 500,000.00 → refused with
 * "committed USD 500,000.00 of a USD 1,500,000.00 budget (33.33 %)".
 */
export async function assertFundingSecured(options: {
  db: Kysely<Database>;
  initiativeId: string;
  initiativeCode: string;
  overrideReason: string | undefined;
}): Promise<void> {
  if (options.overrideReason) return;
  const { total } = await summarizeFunding({
    db: options.db,
    by: [],
    filter: { initiativeIds: [options.initiativeId] },
  });
  if (isBudgetCovered(total)) return;
  const coverage = total.coverage_pct === null ? "no budget" : `${total.coverage_pct} %`;
  throw new AppError(
    "funding_not_secured",
    `${options.initiativeCode} cannot start execution: committed USD ${total.committed} of a USD ${total.budget ?? "0.00"} budget (${coverage}). Record commitments that cover the budget, or give a funding_override_reason.`,
    {
      context: {
        budget_usd: total.budget,
        committed_usd: total.committed,
        coverage_pct: total.coverage_pct,
      },
    },
  );
}
