import type { InitiativeStatus } from "../../contracts/enums.ts";
import { AppError, invalidField } from "../../platform/errors.ts";

/**
 * The life of an initiative (DESIGN.md): draft → submitted → endorsed → seeking_funding →
 * in_execution → completed. A submitted initiative may also be rejected or returned to its
 * drafters, and anything not yet finished may be cancelled.
 */
export const nextStatuses: Record<InitiativeStatus, readonly InitiativeStatus[]> = {
  draft: ["submitted", "cancelled"],
  submitted: ["endorsed", "rejected", "draft", "cancelled"],
  endorsed: ["seeking_funding", "cancelled"],
  seeking_funding: ["in_execution", "cancelled"],
  in_execution: ["completed", "cancelled"],
  completed: [],
  rejected: [],
  cancelled: [],
};

/** Saying no, stopping, or sending back for changes owes the drafters an explanation. */
export function reasonRequired(from: InitiativeStatus, to: InitiativeStatus): boolean {
  return to === "rejected" || to === "cancelled" || (from === "submitted" && to === "draft");
}

/** Refuses a step out of order (409) or one that lacks its reason (400). */
export function assertTransitionAllowed(options: {
  from: InitiativeStatus;
  to: InitiativeStatus;
  reason: string | undefined;
  fundingOverrideReason: string | undefined;
}): void {
  const { from, to } = options;
  const allowed = nextStatuses[from];
  if (!allowed.includes(to)) {
    const next = allowed.length ? allowed.join(", ") : "none, it is final";
    throw new AppError(
      "invalid_transition",
      `An initiative cannot move from ${from} to ${to}; from ${from} it can move to: ${next}.`,
      { context: { from, to, allowed: [...allowed] } },
    );
  }
  if (reasonRequired(from, to) && !options.reason) {
    throw invalidField("reason", `is required to move from ${from} to ${to}`, { code: "required" });
  }
  if (options.fundingOverrideReason && to !== "in_execution") {
    throw invalidField("funding_override_reason", "applies only when moving to in execution", {
      code: "only_to_execution",
    });
  }
}
