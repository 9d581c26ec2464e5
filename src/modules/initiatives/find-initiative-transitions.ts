import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import type { Principal } from "../accounts/index.ts";
import { assertVisibleInitiative } from "./find-initiatives.ts";
import type { Transition } from "./initiatives.schema.ts";
import { toTransition } from "./to-transition.ts";

/** The initiative's history, oldest step first: who moved it, when, and why. */
export async function findInitiativeTransitions(options: {
  db: Kysely<Database>;
  idOrCode: string;
  viewer: Principal;
}): Promise<{ data: Transition[] }> {
  const initiative = await assertVisibleInitiative(options.db, options.idOrCode, options.viewer);
  const rows = await options.db
    .selectFrom("initiative_transitions")
    .selectAll()
    .where("initiative_id", "=", initiative.id)
    .orderBy("seq")
    .execute();
  return { data: rows.map(toTransition) };
}
