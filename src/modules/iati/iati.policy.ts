import { allow, type Decision, deny, isStaff, type Principal } from "../accounts/index.ts";

/**
 * The secretariat and operators import any publication; a partner only its own organization's.
 * A publisher not yet known as an organization (`partnerId` null) is no partner's own.
 */
export function canImportPublication(
  principal: Principal,
  publisher: { partnerId: string | null; ref: string },
): Decision {
  if (isStaff(principal)) return allow;
  if (
    principal.kind === "user" &&
    principal.role === "partner" &&
    publisher.partnerId !== null &&
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
