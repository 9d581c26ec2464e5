import type { Role } from "../../contracts/roles.ts";
import { allow, type Decision, deny, type Principal } from "../../platform/principal.ts";

/** Which kinds of organization each role belongs to. */
const organizationKindsFor: Record<Role, readonly string[]> = {
  focal_point: ["member_state"],
  partner: ["partner_government", "international_org", "oas_body", "civil_society"],
  secretariat: ["oas_body", "sica_body"],
  body_officer: ["oas_body"],
  admin: [
    "oas_body",
    "sica_body",
    "member_state",
    "partner_government",
    "international_org",
    "civil_society",
  ],
};

export function roleFitsOrganization(role: Role, organizationKind: string): Decision {
  return organizationKindsFor[role].includes(organizationKind)
    ? allow
    : deny(
        `A ${role.replace("_", " ")} must belong to an organization of kind ${organizationKindsFor[role].join(" or ")}.`,
      );
}

/** The secretariat manages users; only an admin creates, changes or removes admins. */
export function canManageUser(
  principal: Principal,
  target: { role: Role } | null,
  newRole?: Role,
): Decision {
  if (principal.kind === "system") return allow;
  if (principal.kind !== "user") return deny("Sign in to manage users.");
  if (principal.role === "admin") return allow;
  if (principal.role !== "secretariat")
    return deny("Only the secretariat and administrators manage users.");
  if (target?.role === "admin" || newRole === "admin")
    return deny("Only an administrator can manage administrator accounts.");
  return allow;
}

/**
 * What an API token may act as: no more than the role it was created under, nor than its
 * user's role now. Roles are not nested (a partner records its own organization's money, a
 * focal point its own country's initiatives, the secretariat neither as they do), so two
 * different roles have nothing in common: the token acts as nobody. A change of role revokes
 * a user's tokens anyway; this holds even where a change slips past that.
 */
export function tokenRole(createdUnder: Role, current: Role): Role | null {
  return createdUnder === current ? current : null;
}
