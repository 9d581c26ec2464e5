import type { SupportRequestStatus } from "../../contracts/enums.ts";
import type { SupportRequestStepAction } from "../../contracts/support-requests.ts";
import { AppError } from "../../platform/errors.ts";
import { allow, type Decision, deny, isStaff, type Principal } from "../accounts/index.ts";

/** What the viewer may see of requests beyond the public ones (acknowledged, on a published initiative). */
export type RequestAudience =
  | { all: true }
  | { all: false; country: string | null; bodyId: string | null };

export function audienceFor(viewer: Principal): RequestAudience {
  if (isStaff(viewer)) return { all: true };
  if (viewer.kind !== "user") return { all: false, country: null, bodyId: null };
  return {
    all: false,
    country: viewer.role === "focal_point" ? viewer.country : null,
    bodyId: viewer.role === "body_officer" ? viewer.organizationId : null,
  };
}

/** Public once acknowledged, on a published initiative; otherwise the country, the body, staff. */
export function canSeeRequest(
  viewer: Principal,
  request: { status: SupportRequestStatus; published: boolean; country: string; bodyId: string },
): boolean {
  if (request.status !== "submitted" && request.published) return true;
  const audience = audienceFor(viewer);
  if (audience.all) return true;
  return audience.country === request.country || audience.bodyId === request.bodyId;
}

/** A focal point asks for their own country's initiatives; the secretariat may on its behalf. */
export function canRequestFor(principal: Principal, leadCountry: string): Decision {
  if (isStaff(principal)) return allow;
  if (
    principal.kind === "user" &&
    principal.role === "focal_point" &&
    principal.country === leadCountry
  )
    return allow;
  return deny("A focal point asks for support on their own country's initiatives only.");
}

/** The body's own officers answer its requests; the secretariat answers any. */
export function canRespond(principal: Principal, bodyId: string): Decision {
  if (isStaff(principal)) return allow;
  if (
    principal.kind === "user" &&
    principal.role === "body_officer" &&
    principal.organizationId === bodyId
  )
    return allow;
  return deny("Only the officers of the body asked, or the secretariat, answer this request.");
}

/**
 * The workflow: submitted → acknowledged → accepted → completed, declined (with a reason)
 * from submitted or acknowledged, and progress notes while accepted.
 */
const moves: Record<
  SupportRequestStepAction,
  { from: SupportRequestStatus[]; to: SupportRequestStatus }
> = {
  acknowledge: { from: ["submitted"], to: "acknowledged" },
  accept: { from: ["acknowledged"], to: "accepted" },
  decline: { from: ["submitted", "acknowledged"], to: "declined" },
  progress: { from: ["accepted"], to: "accepted" },
  complete: { from: ["accepted"], to: "completed" },
};

export function nextStatus(
  action: SupportRequestStepAction,
  current: SupportRequestStatus,
): SupportRequestStatus {
  const move = moves[action];
  if (!move.from.includes(current))
    throw new AppError(
      "invalid_transition",
      `A ${current} request cannot be given the step "${action}"; it needs a request that is ${move.from.join(" or ")}.`,
      { reason: "request_step_not_allowed", values: { action, status: current } },
    );
  return move.to;
}

/** The action a step records in the timeline. */
export const stepRecorded = {
  acknowledge: "acknowledged",
  accept: "accepted",
  decline: "declined",
  progress: "progress",
  complete: "completed",
} as const;
