import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { findInitiativeView } from "./initiatives.queries.ts";
import type { Transition } from "./initiatives.schema.ts";
import { toTransition } from "./to-transition.ts";

/** The initiative's history, oldest step first: who moved it, when, and why. */
export async function findInitiativeTransitions(options: {
  db: Kysely<Database>;
  idOrCode: string;
}): Promise<{ data: Transition[] }> {
  const initiative = await findInitiativeView(options.db, options.idOrCode);
  if (!initiative) throw notFound("initiative", options.idOrCode);
  const rows = await options.db
    .selectFrom("initiative_transitions")
    .selectAll()
    .where("initiative_id", "=", initiative.id)
    .orderBy("seq")
    .execute();
  return { data: rows.map(toTransition) };
}
