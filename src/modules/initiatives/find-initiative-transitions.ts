import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import type { Principal } from "../accounts/index.ts";
import { assertVisibleInitiative } from "./find-initiatives.ts";
import { canSeeActors } from "./initiatives.policy.ts";
import type { Transition } from "./initiatives.schema.ts";
import { toTransition } from "./to-transition.ts";
import { transitionRows } from "./transitions.queries.ts";

/**
 * The initiative's history, oldest step first: who moved it (organization and role; the person
 * only to those who see its unpublished work), when, and why. An initiative is public only
 * while published, and a draft never is, so the public sees the history of published ones.
 */
export async function findInitiativeTransitions(options: {
  db: Kysely<Database>;
  idOrCode: string;
  viewer: Principal;
}): Promise<{ data: Transition[] }> {
  const initiative = await assertVisibleInitiative(options.db, options.idOrCode, options.viewer);
  const rows = await transitionRows(options.db, initiative.id).execute();
  const showPerson = canSeeActors(options.viewer, initiative);
  return { data: rows.map((row) => toTransition(row, showPerson)) };
}
