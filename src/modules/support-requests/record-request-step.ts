import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { notFound } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../accounts/index.ts";
import { actorOf, type StepActor, stepValues } from "./acting.ts";
import { getSupportRequest, isVisible } from "./find-support-requests.ts";
import { canRespond, nextStatus, stepRecorded } from "./support-requests.policy.ts";
import { findSupportRequestRow, insertStepRow } from "./support-requests.queries.ts";
import type { SupportRequestDetail, SupportRequestStepInput } from "./support-requests.schema.ts";

/**
 * The body (or the secretariat) answers a request: acknowledges, accepts, declines with a
 * reason, reports progress, completes. Each step is a row of the timeline; the request's
 * status moves with it, under a lock so that two answers take turns.
 */
export async function recordRequestStep(options: {
  db: Kysely<Database>;
  id: string;
  input: SupportRequestStepInput;
  principal: Principal;
  actor?: StepActor;
}): Promise<SupportRequestDetail> {
  const { input, principal } = options;
  return inTransaction(options.db, async (trx) => {
    const row = await findSupportRequestRow(trx, options.id, true);
    if (!row || !isVisible(principal, row)) throw notFound("support request", options.id);
    assertAllowed(canRespond(principal, row.body_id));
    const status = nextStatus(input.action, row.status);
    if (status !== row.status)
      await trx
        .updateTable("support_requests")
        .set((eb) => ({ status, version: eb("version", "+", 1), updated_at: new Date() }))
        .where("id", "=", row.id)
        .execute();
    await insertStepRow(trx, {
      request_id: row.id,
      action: stepRecorded[input.action],
      ...stepValues(actorOf(principal, options.actor)),
      note: input.note ?? null,
    });
    return getSupportRequest({ db: trx, id: row.id, viewer: principal });
  });
}
