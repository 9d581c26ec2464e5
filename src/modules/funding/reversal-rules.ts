import { AppError, notFound } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../accounts/index.ts";
import type { FlowRow } from "./flows.queries.ts";
import { canRecordFlow } from "./funding.policy.ts";

export const alreadyReversed = (id: string, by?: string | null) =>
  new AppError(
    "conflict",
    `Flow ${id} has already been reversed${by ? ` (by ${by})` : ""}; an entry is reversed at most once. Record a new entry to correct it further.`,
    { reason: "already_reversed" },
  );

/**
 * What may be reversed, in the order reverseFlow checks it: an existing entry, of a partner
 * the principal records for, that is not itself a reversal and has not been reversed yet.
 */
export function assertReversible(
  original: FlowRow | undefined,
  flowId: string,
  principal: Principal,
): asserts original is FlowRow {
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
}

/** Two reversals racing: the unique index on reverses_id lets only the first one in. */
export function isDuplicateReversal(error: unknown): boolean {
  const pgError = error as { code?: string; constraint?: string; message?: string };
  return (
    pgError?.code === "23505" &&
    (pgError.constraint === "support_flows_reverses_id_key" ||
      (pgError.message ?? "").includes("support_flows_reverses_id_key"))
  );
}
