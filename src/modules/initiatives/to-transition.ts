import type { Transition } from "./initiatives.schema.ts";
import type { TransitionRow } from "./transitions.queries.ts";

/**
 * One step of the history. Who took it is named by organization and role; the person (their
 * e-mail) only when `showPerson`, for readers who may see the initiative's unpublished work
 * too (initiatives.policy canSeeActors). The platform's own steps (the demo seed, operator
 * commands) have no organization.
 */
export function toTransition(row: TransitionRow, showPerson: boolean): Transition {
  const organization =
    row.actor_organization_code !== null
      ? {
          code: row.actor_organization_code,
          name: {
            es: row.actor_organization_name_es ?? "",
            en: row.actor_organization_name_en ?? "",
          },
        }
      : null;
  return {
    id: row.id,
    from: row.from_status,
    to: row.to_status,
    actor: showPerson ? row.actor : null,
    actor_kind: row.actor_user_id ? "user" : "system",
    actor_organization: organization,
    actor_role: row.actor_role,
    reason: row.reason,
    funding_override_reason: row.funding_override_reason,
    at: row.at.toISOString(),
    effective_on: row.effective_on ?? row.at.toISOString().slice(0, 10),
  };
}
