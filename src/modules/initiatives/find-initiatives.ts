import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { isStaff, type Principal } from "../accounts/index.ts";
import { canSeeInitiative } from "./initiatives.policy.ts";
import {
  findInitiativeView,
  type InitiativeVisibility,
  listInitiativeViews,
  lockInitiativeRow,
} from "./initiatives.queries.ts";
import type { Initiative, ListInitiativesQuery } from "./initiatives.schema.ts";
import { loadInitiative, toInitiatives } from "./to-initiative.ts";

export function visibilityFor(viewer: Principal): InitiativeVisibility {
  if (isStaff(viewer)) return { unpublished: "all" };
  if (viewer.kind === "user" && viewer.role === "focal_point" && viewer.country)
    return { unpublished: "country", country: viewer.country };
  return { unpublished: "none" };
}

export async function findInitiatives(options: {
  db: Kysely<Database>;
  query: ListInitiativesQuery;
  viewer: Principal;
}) {
  const { rows, total } = await listInitiativeViews(
    options.db,
    options.query,
    visibilityFor(options.viewer),
  );
  return {
    data: await toInitiatives(options.db, rows),
    page: { total, limit: options.query.limit, offset: options.query.offset },
  };
}

/** An initiative the viewer may not see answers as if it did not exist (no probing). */
export async function assertVisibleInitiative(
  db: Kysely<Database>,
  idOrCode: string,
  viewer: Principal,
) {
  const row = await findInitiativeView(db, idOrCode);
  if (!row || !canSeeInitiative(viewer, row)) throw notFound("initiative", idOrCode);
  return row;
}

/**
 * Locks an initiative for a change. One the principal may not see is not found, exactly as a
 * missing one: a focal point writing to another country's draft learns nothing about it.
 */
export async function lockVisibleInitiative(
  db: Kysely<Database>,
  idOrCode: string,
  principal: Principal,
) {
  const row = await lockInitiativeRow(db, idOrCode);
  if (!row || !canSeeInitiative(principal, row)) throw notFound("initiative", idOrCode);
  return row;
}

export async function getInitiative(options: {
  db: Kysely<Database>;
  idOrCode: string;
  viewer: Principal;
}): Promise<Initiative> {
  const row = await assertVisibleInitiative(options.db, options.idOrCode, options.viewer);
  return loadInitiative(options.db, row.id);
}
