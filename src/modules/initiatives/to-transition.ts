import type { Selectable } from "kysely";
import type { InitiativeStatus } from "../../contracts/enums.ts";
import type { InitiativeTransitionsTable } from "../../platform/db/schema.ts";
import type { Transition } from "./initiatives.schema.ts";

export function toTransition(row: Selectable<InitiativeTransitionsTable>): Transition {
  return {
    id: row.id,
    from: row.from_status as InitiativeStatus | null,
    to: row.to_status as InitiativeStatus,
    actor: row.actor,
    reason: row.reason,
    funding_override_reason: row.funding_override_reason,
    at: row.at.toISOString(),
  };
}
