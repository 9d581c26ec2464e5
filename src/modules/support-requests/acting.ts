import type { Role } from "../../contracts/roles.ts";
import type { Principal } from "../accounts/index.ts";

/** Who a step is recorded as: the user, their organization and role (the demo names its own). */
export interface StepActor {
  userId: string | null;
  organizationId: string | null;
  role: Role | null;
}

export function actorOf(principal: Principal, override?: StepActor): StepActor {
  if (override) return override;
  if (principal.kind === "user")
    return {
      userId: principal.userId,
      organizationId: principal.organizationId,
      role: principal.role,
    };
  return { userId: null, organizationId: null, role: null };
}

export const stepValues = (actor: StepActor) => ({
  actor_user_id: actor.userId,
  actor_organization_id: actor.organizationId,
  actor_role: actor.role,
});
