import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { isStaff, type Principal } from "../accounts/index.ts";
import { fundingOf, fundingOfInitiatives, sortByFunding } from "./initiative-funding.ts";
import { canSeeInitiative } from "./initiatives.policy.ts";
import {
  findInitiativeRecord,
  findInitiativeRecords,
  findInitiativeView,
  type InitiativeVisibility,
  listInitiativeRecords,
  listMatchingInitiatives,
  lockInitiativeRow,
} from "./initiatives.queries.ts";
import {
  type ColumnSortField,
  type FundingSortField,
  fundingSortFields,
  type Initiative,
  type InitiativeFunding,
  type InitiativeListItem,
  type ListInitiativesQuery,
} from "./initiatives.schema.ts";
import { toInitiatives } from "./to-initiative.ts";

export function visibilityFor(viewer: Principal): InitiativeVisibility {
  if (isStaff(viewer)) return { unpublished: "all" };
  if (viewer.kind === "user" && viewer.role === "focal_point" && viewer.country)
    return { unpublished: "country", country: viewer.country };
  return { unpublished: "none" };
}

/**
 * One page of the initiatives the viewer may see, each with its funding figures. Sorted by a
 * column of the initiative, the database orders and pages; sorted by a roll-up figure
 * (committed, disbursed, gap), every match's figure is read from summarizeFunding first and
 * the page is cut from that order, so page 2 follows page 1 whatever the sort.
 *
 * Its statements run one after the other on one connection: the page (its lists and count
 * in the same statement) and the roll-up, each borrowing no connection of its own (on
 * PostgreSQL a borrow is a round trip more, to pass the request's context).
 */
export async function findInitiatives(options: {
  db: Kysely<Database>;
  query: ListInitiativesQuery;
  viewer: Principal;
}): Promise<{
  data: InitiativeListItem[];
  page: { total: number; limit: number; offset: number };
}> {
  const { db, query } = options;
  const visibility = visibilityFor(options.viewer);
  const publishedOnly = visibility.unpublished === "none";
  const page = { limit: query.limit, offset: query.offset };
  const sort = query.sort;
  const { rows, figures, total } = await db.connection().execute(async (connection) => {
    if (isFundingSort(sort)) {
      const matches = await listMatchingInitiatives(connection, query, visibility);
      const figures = await fundingOfInitiatives(
        connection,
        matches.map((m) => m.id),
        publishedOnly,
      );
      const ids = sortByFunding(matches, figures, sort)
        .slice(query.offset, query.offset + query.limit)
        .map((m) => m.id);
      const records = await findInitiativeRecords(connection, ids);
      const rows = ids.flatMap((id) => records.find((record) => record.id === id) ?? []);
      return { rows, figures, total: matches.length };
    }
    // Not a roll-up figure, so one of the initiative's columns.
    const columnSort = { field: sort.field as ColumnSortField, direction: sort.direction };
    const { rows, total } = await listInitiativeRecords(
      connection,
      { ...query, sort: columnSort },
      visibility,
    );
    const figures = await fundingOfInitiatives(
      connection,
      rows.map((row) => row.id),
      publishedOnly,
    );
    return { rows, figures, total };
  });
  return { data: withFunding(toInitiatives(rows), figures), page: { total, ...page } };
}

type Sort = ListInitiativesQuery["sort"];

function isFundingSort(sort: Sort): sort is Sort & { field: FundingSortField } {
  return (fundingSortFields as readonly string[]).includes(sort.field);
}

function withFunding(
  initiatives: Initiative[],
  figures: Map<string, InitiativeFunding>,
): InitiativeListItem[] {
  return initiatives.map((initiative) => ({
    ...initiative,
    funding: fundingOf(figures, initiative.id),
  }));
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
  const row = await findInitiativeRecord(options.db, options.idOrCode);
  if (!row || !canSeeInitiative(options.viewer, row))
    throw notFound("initiative", options.idOrCode);
  const [initiative] = toInitiatives([row]);
  if (!initiative) throw notFound("initiative", options.idOrCode);
  return initiative;
}
