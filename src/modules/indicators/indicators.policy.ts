import { allow, type Decision, deny, isStaff, type Principal } from "../accounts/index.ts";

/** Focal points report their own country's values; the secretariat any country's. */
export function canReportObservation(principal: Principal, country: string): Decision {
  if (isStaff(principal)) return allow;
  if (principal.kind === "user" && principal.role === "focal_point") {
    return principal.country === country
      ? allow
      : deny(
          `You may report values for ${principal.country ?? "your country"} only, not ${country}.`,
        );
  }
  return deny("Only focal points and the secretariat report indicator values.");
}
