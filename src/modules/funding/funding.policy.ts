import { allow, type Decision, deny, isStaff, type Principal } from "../accounts/index.ts";
import { type InitiativeVisibility, visibilityFor } from "../initiatives/index.ts";

/**
 * A partner records and corrects only its own organization's support; the secretariat records
 * on any partner's behalf (e.g. what was announced at the conference).
 */
export function canRecordFlow(principal: Principal, partnerId: string): Decision {
  if (isStaff(principal)) return allow;
  if (principal.kind === "user" && principal.role === "partner") {
    return principal.organizationId === partnerId
      ? allow
      : deny("You may record only your own organization's support.");
  }
  return deny("Only partners and the secretariat record support.");
}

/**
 * Who may record a disbursement above its commitment with a reason of their own: the
 * secretariat (and the platform). A partner asks the secretariat instead, which approves or
 * declines its request — an override is never approved by the one it benefits.
 */
export function canOverrideCommitment(principal: Principal): Decision {
  return isStaff(principal)
    ? allow
    : deny(
        "Only the secretariat records a disbursement above its commitment; ask it for an override.",
      );
}

/** Who decides a partner's over-disbursement request: the secretariat or an admin, never a partner. */
export const canDecideOverrideRequest = canOverrideCommitment;

/** A partner asks for an override of its own organization's commitments only. */
export function canRequestOverride(principal: Principal, partnerId: string): Decision {
  if (principal.kind === "user" && principal.role === "partner") {
    return principal.organizationId === partnerId
      ? allow
      : deny("You may ask for an override of your own organization's commitments only.");
  }
  return deny("Only partners ask for an override; the secretariat records it directly.");
}

/** What decides who reads an initiative: whether it is published, and its country. */
export interface InitiativeReadFacts {
  published_at: Date | null;
  lead_country: string;
}

/**
 * The initiatives module's rule, through its visibilityFor: published initiatives are read by
 * all, the others by staff and their country's focal points. The ledger answers an initiative
 * its writer may not read exactly as one that does not exist, so that recording support
 * cannot tell a draft's id from a made-up one.
 */
export function canReadInitiative(
  visibility: InitiativeVisibility,
  initiative: InitiativeReadFacts,
): boolean {
  if (initiative.published_at !== null || visibility.unpublished === "all") return true;
  return visibility.unpublished === "country" && visibility.country === initiative.lead_country;
}

/**
 * An entry is read by whoever reads its initiative, by its own partner, and by everyone when
 * it is not allocated to an initiative (as GET /api/flows/:id answers).
 */
export function canReadFlow(
  principal: Principal,
  flow: { partner_id: string; initiative: InitiativeReadFacts | null },
): boolean {
  if (!flow.initiative) return true;
  if (principal.kind === "user" && principal.organizationId === flow.partner_id) return true;
  return canReadInitiative(visibilityFor(principal), flow.initiative);
}
