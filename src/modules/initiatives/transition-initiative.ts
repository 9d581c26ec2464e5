import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { actorLabel, actorUserId, assertAllowed, type Principal } from "../accounts/index.ts";
import { lockVisibleInitiative } from "./find-initiatives.ts";
import type { TransitionInput } from "./initiative-input.schema.ts";
import { assertTransitionAllowed } from "./initiative-lifecycle.ts";
import { assertCurrentVersion } from "./initiative-version.ts";
import { canSeeActors, canTransitionInitiative } from "./initiatives.policy.ts";
import type { Initiative, Transition } from "./initiatives.schema.ts";
import { assertFundingSecured } from "./secured-funding.ts";
import { loadInitiative } from "./to-initiative.ts";
import { toTransition } from "./to-transition.ts";
import { findLastSubmitter, findTransitionRow, insertTransition } from "./transitions.queries.ts";

/**
 * Moves an initiative one step along its lifecycle and appends the step to its history, in
 * one transaction. The row lock makes concurrent steps take turns: of two clients submitting
 * the same draft, one succeeds and the other is told the initiative is no longer a draft.
 */
export async function transitionInitiative(options: {
  db: Kysely<Database>;
  idOrCode: string;
  input: TransitionInput;
  principal: Principal;
  /**
   * When the step took effect, for history entered afterwards (the demo's 2011–2014 steps);
   * default: the day it is entered. Not part of the HTTP input: a step taken through the API
   * takes effect when it is taken.
   */
  effectiveOn?: string;
}): Promise<{ initiative: Initiative; transition: Transition }> {
  const { db, input } = options;
  return inTransaction(db, async (trx) => {
    const row = await lockVisibleInitiative(trx, options.idOrCode, options.principal);
    const submitter = await findLastSubmitter(trx, row.id);
    assertCurrentVersion(row.version, input.version);
    const from = row.status;
    // The lifecycle first: a step out of order is the same 409 for everyone.
    assertTransitionAllowed({
      from,
      to: input.to,
      reason: input.reason,
      fundingOverrideReason: input.funding_override_reason,
    });
    assertAllowed(canTransitionInitiative(options.principal, row, input.to, submitter ?? null));
    if (input.to === "in_execution") {
      await assertFundingSecured({
        db: trx,
        initiativeId: row.id,
        initiativeCode: row.code,
        overrideReason: input.funding_override_reason,
      });
    }
    await updateVersioned(trx, {
      table: "initiatives",
      id: row.id,
      expectedVersion: row.version,
      // A draft is its country's working copy: returning one for changes withdraws it from
      // the public until the secretariat publishes it again.
      changes:
        input.to === "draft" ? { status: input.to, published_at: null } : { status: input.to },
    });
    const insertedId = await insertTransition(trx, {
      initiative_id: row.id,
      from_status: from,
      to_status: input.to,
      actor: actorLabel(options.principal),
      actor_user_id: actorUserId(options.principal),
      reason: input.reason ?? null,
      funding_override_reason: input.funding_override_reason ?? null,
      effective_on: options.effectiveOn ?? null,
    });
    const transition = await findTransitionRow(trx, row.id, insertedId);
    return {
      initiative: await loadInitiative(trx, row.id),
      transition: toTransition(transition, canSeeActors(options.principal, row)),
    };
  });
}
