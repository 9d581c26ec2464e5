import type { Insertable, Kysely } from "kysely";
import type { Database, InitiativeTransitionsTable } from "../../platform/db/schema.ts";

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

/** One step of an initiative's history, as transitionRows reads it. */
export function findTransitionRow(db: Kysely<Database>, initiativeId: string, id: string) {
  return transitionRows(db, initiativeId).where("t.id", "=", id).executeTakeFirstOrThrow();
}

/** Appends a step to an initiative's history; its id. */
export async function insertTransition(
  db: Kysely<Database>,
  values: Insertable<InitiativeTransitionsTable>,
): Promise<string> {
  const { id } = await db
    .insertInto("initiative_transitions")
    .values(values)
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** Who submitted the initiative last (undefined when never submitted; null for the platform). */
export async function findLastSubmitter(
  db: Kysely<Database>,
  initiativeId: string,
): Promise<string | null | undefined> {
  const row = await db
    .selectFrom("initiative_transitions")
    .select("actor_user_id")
    .where("initiative_id", "=", initiativeId)
    .where("to_status", "=", "submitted")
    .orderBy("seq", "desc")
    .executeTakeFirst();
  return row?.actor_user_id;
}
