import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { actorLabel, actorUserId, assertAllowed, type Principal } from "../accounts/index.ts";
import { findFlowRow, insertFlowRow, toFlow } from "./flows.queries.ts";
import type { Flow, ReverseFlowInput } from "./flows.schema.ts";
import { canRecordFlow } from "./funding.policy.ts";
import { writeWithinCommitments } from "./ledger-invariant.ts";

const alreadyReversed = (id: string, by?: string | null) =>
  new AppError(
    "conflict",
    `Flow ${id} has already been reversed${by ? ` (by ${by})` : ""}; an entry is reversed at most once. Record a new entry to correct it further.`,
    { reason: "already_reversed" },
  );

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
      if (!original) throw notFound("flow", flowId);
      assertAllowed(canRecordFlow(principal, original.partner_id));
      if (original.reverses_id) {
        throw new AppError(
          "conflict",
          `Flow ${flowId} is itself a reversal (of ${original.reverses_id}) and cannot be reversed; record a new entry instead.`,
          { reason: "reversal_of_reversal" },
        );
      }
      if (original.reversed_by) throw alreadyReversed(flowId, original.reversed_by);
      // Only removing committed money can leave a pair over-disbursed.
      const pair =
        original.flow_type === "commitment" && original.initiative_id
          ? { initiativeId: original.initiative_id, partnerId: original.partner_id }
          : null;
      const { id } = await writeWithinCommitments(trx, pair, input.over_commitment_reason, () =>
        insertFlowRow(trx, {
          flow_type: original.flow_type,
          support_kind: original.support_kind,
          partner_id: original.partner_id,
          initiative_id: original.initiative_id,
          component_id: original.component_id,
          description: original.description,
          amount_minor: original.amount_minor === null ? null : -original.amount_minor,
          currency: original.currency,
          value_date: input.value_date ?? original.value_date,
          usd_minor: original.usd_minor === null ? null : -original.usd_minor,
          fx_rate: original.fx_rate,
          fx_date: original.fx_date,
          pledge_id: original.pledge_id,
          commitment_id: original.commitment_id,
          reverses_id: original.id,
          conference_id: original.conference_id,
          over_commitment_reason: input.over_commitment_reason ?? null,
          illustrative: original.illustrative,
          source: original.source,
          note: input.reason,
          recorded_by: actorLabel(principal),
          recorded_by_user_id: actorUserId(principal),
        }),
      );
      const row = await findFlowRow(trx, id);
      if (!row) throw notFound("flow", id);
      return toFlow(row);
    });
  } catch (error) {
    // Two reversals racing: the unique index on reverses_id lets only the first one in.
    if (isDuplicateReversal(error)) throw alreadyReversed(flowId);
    throw error;
  }
}

function isDuplicateReversal(error: unknown): boolean {
  const pgError = error as { code?: string; constraint?: string; message?: string };
  return (
    pgError?.code === "23505" &&
    (pgError.constraint === "support_flows_reverses_id_key" ||
      (pgError.message ?? "").includes("support_flows_reverses_id_key"))
  );
}
