import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/** Transitions with the organization and role of the user who took each step, oldest first. */
export function transitionRows(db: Kysely<Database>, initiativeId: string) {
  return db
    .selectFrom("initiative_transitions as t")
    .leftJoin("users as u", "u.id", "t.actor_user_id")
    .leftJoin("organizations as o", "o.id", "u.organization_id")
    .selectAll("t")
    .select([
      "u.role as actor_role",
      "o.code as actor_organization_code",
      "o.name_es as actor_organization_name_es",
      "o.name_en as actor_organization_name_en",
    ])
    .where("t.initiative_id", "=", initiativeId)
    .orderBy("t.seq");
}
export type TransitionRow = Awaited<
  ReturnType<ReturnType<typeof transitionRows>["execute"]>
>[number];
