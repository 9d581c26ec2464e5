import type { RouteCase } from "./cases.ts";
import type { ActorName } from "./world.ts";

/**
 * Verifying the audit chain is the secretariat's (and admins'), as `esca audit verify` is the
 * operator's: every other role is refused, whatever the organization.
 */
const staffOnly = (actor: ActorName) => actor === "secretariat" || actor === "admin";

export const auditRouteCases: Record<string, RouteCase> = {
  "POST /api/audit/verification": {
    allowed: staffOnly,
    prepare: async () => ({ request: { method: "POST", url: "/api/audit/verification" } }),
  },
};
