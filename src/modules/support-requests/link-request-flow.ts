import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../accounts/index.ts";
import { getFlow } from "../funding/index.ts";
import { actorOf, type StepActor, stepValues } from "./acting.ts";
import { getSupportRequest, isVisible } from "./find-support-requests.ts";
import { canRespond } from "./support-requests.policy.ts";
import { findSupportRequestRow, insertStepRow } from "./support-requests.queries.ts";
import type { SupportRequestDetail } from "./support-requests.schema.ts";

/**
 * Links a completed request to the ledger entry of the technical support given: an entry of
 * kind technical, recorded for the body asked, standing (not a reversal, not reversed), for
 * the request's initiative or for none. A request links one entry, an entry one request.
 */
const flowRule = { code: "request_flow_invalid" };

export async function linkRequestFlow(options: {
  db: Kysely<Database>;
  id: string;
  flowId: string;
  principal: Principal;
  actor?: StepActor;
}): Promise<SupportRequestDetail> {
  const { principal } = options;
  return inTransaction(options.db, async (trx) => {
    const row = await findSupportRequestRow(trx, options.id, true);
    if (!row || !isVisible(principal, row)) throw notFound("support request", options.id);
    assertAllowed(canRespond(principal, row.body_id));
    if (row.status !== "completed")
      throw new AppError(
        "invalid_transition",
        `Only a completed request is linked to the ledger; this one is ${row.status}.`,
        { reason: "request_not_completed", values: { status: row.status } },
      );
    if (row.flow_id)
      throw new AppError("conflict", "This request is already linked to a ledger entry.", {
        reason: "request_already_linked",
      });
    const flow = await getFlow({ db: trx, id: options.flowId, viewer: principal }).catch(() => {
      throw invalidField("flow_id", `no ledger entry "${options.flowId}" you may read`, flowRule);
    });
    if (flow.support_kind !== "technical")
      throw invalidField(
        "flow_id",
        "must be an entry of technical support (support_kind technical)",
        flowRule,
      );
    if (flow.partner_id !== row.body_id)
      throw invalidField(
        "flow_id",
        `must be recorded for ${row.body_code}, the body asked`,
        flowRule,
      );
    if (flow.reverses_id || flow.reversed_by)
      throw invalidField(
        "flow_id",
        "must be a standing entry: neither a reversal nor reversed",
        flowRule,
      );
    if (flow.initiative_id && flow.initiative_id !== row.initiative_id)
      throw invalidField(
        "flow_id",
        `must be for initiative ${row.initiative_code} or for none`,
        flowRule,
      );
    const taken = await trx
      .selectFrom("support_requests")
      .select("id")
      .where("flow_id", "=", flow.id)
      .executeTakeFirst();
    if (taken) throw invalidField("flow_id", "is already linked to another request", flowRule);
    await trx
      .updateTable("support_requests")
      .set((eb) => ({ flow_id: flow.id, version: eb("version", "+", 1), updated_at: new Date() }))
      .where("id", "=", row.id)
      .execute();
    await insertStepRow(trx, {
      request_id: row.id,
      action: "flow_linked",
      ...stepValues(actorOf(principal, options.actor)),
      note: null,
    });
    return getSupportRequest({ db: trx, id: row.id, viewer: principal });
  });
}
