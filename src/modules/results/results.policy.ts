import { allow, type Decision, deny, isStaff, type Principal } from "../accounts/index.ts";

interface InitiativeFacts {
  lead_country: string;
}

/**
 * An initiative's results framework and its reported actuals belong to its lead country: its
 * focal points define and report them, the secretariat may do both; partners, OAS bodies'
 * officers and other countries may not.
 */
export function canReportResults(principal: Principal, initiative: InitiativeFacts): Decision {
  if (isStaff(principal)) return allow;
  if (principal.kind === "user" && principal.role === "focal_point") {
    return principal.country === initiative.lead_country
      ? allow
      : deny(
          `You may report results for ${principal.country ?? "your country"}'s initiatives only, not ${initiative.lead_country}'s.`,
        );
  }
  return deny("Only the initiative's focal points and the secretariat report its results.");
}
