import type { Kysely } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";
import { inTransaction } from "../../../platform/db/transaction.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import { actorLabel, actorUserId, assertAllowed, type Principal } from "../../accounts/index.ts";
import { canDecideOverrideRequest } from "../funding.policy.ts";
import { recordFlow } from "../record-flow.ts";
import { disbursementOf } from "./disbursement-of.ts";
import {
  findRequestRow,
  lockRequest,
  markDecided,
  toRequest,
} from "./override-requests.queries.ts";
import type { OverDisbursementRequest } from "./override-requests.schema.ts";

/**
 * The secretariat (or an admin) decides a partner's request, once. Approving records the
 * disbursement in the same transaction, under the approver's name and with the request's
 * reason as the override (the ledger's checks run as for any entry: a rate, the initiative,
 * the commitment); declining records only the decision and its note. Both are audited by the
 * triggers as every write.
 */
export async function decideOverDisbursement(options: {
  db: Kysely<Database>;
  id: string;
  decision: "approved" | "declined";
  note: string | null;
  principal: Principal;
}): Promise<OverDisbursementRequest> {
  const { id, principal } = options;
  assertAllowed(canDecideOverrideRequest(principal));
  return inTransaction(options.db, async (trx) => {
    const request = await lockRequest(trx, id);
    if (!request) throw notFound("over-disbursement request", id);
    if (request.status !== "requested") throw alreadyDecided(request.status);
    const flow =
      options.decision === "approved"
        ? await recordFlow({
            db: trx,
            principal,
            input: disbursementOf({
              ...request,
              note: `Above its commitment: approved by the secretariat (request ${id})`,
            }),
          })
        : null;
    await markDecided(trx, id, {
      status: options.decision,
      decided_by: actorLabel(principal),
      decided_by_user_id: actorUserId(principal),
      decision_note: options.note,
      flow_id: flow?.id ?? null,
    });
    const row = await findRequestRow(trx, id);
    if (!row) throw notFound("over-disbursement request", id);
    return toRequest(row);
  });
}

const alreadyDecided = (status: string) =>
  new AppError("conflict", `This request was already ${status}; a request is decided once.`, {
    reason: "override_already_decided",
    values: { status },
  });
