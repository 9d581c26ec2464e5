import type { Principal } from "../../platform/principal.ts";
import { isStaff } from "../../platform/principal.ts";

/** Who set a status, as the record keeps it: an organization and a role, never an e-mail. */
export function actingAs(principal: Principal): {
  organizationId: string | null;
  role: string | null;
} {
  if (principal.kind === "user")
    return { organizationId: principal.organizationId, role: principal.role };
  if (principal.kind === "system") return { organizationId: null, role: "system" };
  return { organizationId: null, role: null };
}

/** Everyone but the secretariat and admins reads only what is published. */
export const readsPublicOnly = (principal: Principal): boolean => !isStaff(principal);
