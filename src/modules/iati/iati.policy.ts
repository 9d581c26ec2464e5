import { allow, type Decision, deny, isStaff, type Principal } from "../accounts/index.ts";

/** The secretariat and operators import any publication; a partner only its own organization's. */
export function canImportPublication(
  principal: Principal,
  publisher: { partnerId: string; ref: string },
): Decision {
  if (isStaff(principal)) return allow;
  if (
    principal.kind === "user" &&
    principal.role === "partner" &&
    principal.organizationId === publisher.partnerId
  )
    return allow;
  return deny(
    `Only ${publisher.ref}'s own officers or the secretariat may import ${publisher.ref}'s IATI publication.`,
  );
}

/** The mapping of IATI activities to initiatives is the secretariat's. */
export function canEditActivityLinks(principal: Principal): Decision {
  return isStaff(principal)
    ? allow
    : deny("Only the secretariat may map IATI activities to initiatives.");
}
