import type { InitiativeStatus } from "../../contracts/enums.ts";
import { allow, type Decision, deny, isStaff, type Principal } from "../accounts/index.ts";

interface InitiativeFacts {
  lead_country: string;
  status: string;
  published_at: Date | null;
}

const FINAL: readonly string[] = ["completed", "rejected", "cancelled"];
const ownCountry = (principal: Principal, country: string) =>
  principal.kind === "user" && principal.role === "focal_point" && principal.country === country;

/** Who may see the initiative's unpublished work: staff and its country's focal points. */
export const canSeeUnpublished = (principal: Principal, initiative: InitiativeFacts): boolean =>
  isStaff(principal) || ownCountry(principal, initiative.lead_country);

/**
 * Published initiatives are public; the others only to their country's focal points and staff.
 * Anyone else is answered as if it did not exist, on reads and writes alike, so that ids and
 * codes cannot be probed. A draft is never published (returning one to draft withdraws it).
 */
export function canSeeInitiative(principal: Principal, initiative: InitiativeFacts): boolean {
  return initiative.published_at !== null || canSeeUnpublished(principal, initiative);
}

/**
 * A history step names the person who took it (their e-mail) only to those who see the
 * initiative's unpublished work; the public and partners see the organization and role.
 */
export const canSeeActors = canSeeUnpublished;

export function canCreateInitiative(principal: Principal, leadCountry: string): Decision {
  if (isStaff(principal)) return allow;
  if (principal.kind === "user" && principal.role === "focal_point") {
    return principal.country === leadCountry
      ? allow
      : deny(
          `You may present initiatives for ${principal.country ?? "your country"} only, not ${leadCountry}.`,
        );
  }
  return deny("Only member states' focal points and the secretariat present initiatives.");
}

export function canEditInitiative(
  principal: Principal,
  initiative: InitiativeFacts,
  newLeadCountry: string | undefined,
): Decision {
  if (isStaff(principal)) return allow;
  if (!ownCountry(principal, initiative.lead_country))
    return deny("You may change only your own country's initiatives.");
  if (newLeadCountry !== undefined && newLeadCountry !== initiative.lead_country)
    return deny("An initiative cannot be handed to another country's lead.");
  if (FINAL.includes(initiative.status))
    return deny(`A ${initiative.status} initiative can no longer be edited.`);
  return allow;
}

/**
 * Steps a focal point takes for their own country: submit a draft, cancel a draft, report an
 * initiative in execution as completed. Every other step is the secretariat's; and whoever
 * submitted an initiative cannot also endorse it (four eyes).
 */
export function canTransitionInitiative(
  principal: Principal,
  initiative: InitiativeFacts,
  to: InitiativeStatus,
  submittedByUserId: string | null,
): Decision {
  const from = initiative.status;
  if (to === "endorsed" && principal.kind === "user" && submittedByUserId === principal.userId) {
    return deny("Whoever submitted an initiative cannot also endorse it.");
  }
  if (isStaff(principal)) return allow;
  if (!ownCountry(principal, initiative.lead_country))
    return deny("You may act only on your own country's initiatives.");
  const focalSteps =
    (from === "draft" && (to === "submitted" || to === "cancelled")) ||
    (from === "in_execution" && to === "completed");
  return focalSteps
    ? allow
    : deny(`Moving an initiative from ${from} to ${to} is for the secretariat.`);
}

export function canPublishInitiative(principal: Principal): Decision {
  return isStaff(principal) ? allow : deny("Only the secretariat publishes initiatives.");
}
