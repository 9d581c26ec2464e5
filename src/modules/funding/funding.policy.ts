import { allow, type Decision, deny, isStaff, type Principal } from "../accounts/index.ts";

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
