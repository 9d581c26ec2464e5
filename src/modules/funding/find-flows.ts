import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { isStaff, type Principal } from "../accounts/index.ts";
import {
  type FlowRow,
  type FlowVisibility,
  findFlowRow,
  findInitiativeAudience,
  listFlowRows,
  organizationCodesOfUsers,
  toFlow,
} from "./flows.queries.ts";
import type { Flow, ListFlowsQuery } from "./flows.schema.ts";
import { remainingAmounts } from "./remaining-amounts.ts";

export function flowVisibilityFor(viewer: Principal): FlowVisibility {
  if (isStaff(viewer)) return { all: true };
  if (viewer.kind !== "user") return { all: false, organizationId: null, country: null };
  return {
    all: false,
    organizationId: viewer.organizationId,
    country: viewer.role === "focal_point" ? viewer.country : null,
  };
}

export async function findFlows(options: {
  db: Kysely<Database>;
  query: ListFlowsQuery;
  viewer: Principal;
}) {
  const { rows, total } = await listFlowRows(
    options.db,
    options.query,
    flowVisibilityFor(options.viewer),
  );
  const flows = await withRecorders(options.db, rows, options.viewer);
  return {
    data: options.query.linkable_to
      ? await withRemaining(options.db, flows, flowVisibilityFor(options.viewer))
      : flows,
    page: { total, limit: options.query.limit, offset: options.query.offset },
  };
}

export async function getFlow(options: {
  db: Kysely<Database>;
  id: string;
  viewer: Principal;
}): Promise<Flow> {
  const row = await findFlowRow(options.db, options.id);
  if (!row || !(await canSeeFlow(options.db, row, options.viewer)))
    throw notFound("flow", options.id);
  const [flow] = await withRecorders(options.db, [row], options.viewer);
  if (!flow) throw notFound("flow", options.id);
  return flow;
}

/**
 * Who recorded each entry: the person (their e-mail) for staff and the entry's own partner;
 * for everyone else, the public included, the code of the person's organization, never the
 * person. The platform's own entries (demo seed, operator commands) keep their label.
 */
async function withRecorders(
  db: Kysely<Database>,
  rows: FlowRow[],
  viewer: Principal,
): Promise<Flow[]> {
  const visibility = flowVisibilityFor(viewer);
  const hidden = (row: FlowRow) =>
    !visibility.all && row.partner_id !== visibility.organizationId && row.recorded_by_user_id;
  const userIds = [...new Set(rows.filter(hidden).map((row) => row.recorded_by_user_id ?? ""))];
  const organizations = await organizationCodesOfUsers(db, userIds);
  return rows.map((row) => {
    const flow = toFlow(row);
    if (!hidden(row)) return flow;
    return { ...flow, recorded_by: organizations.get(row.recorded_by_user_id ?? "") ?? "" };
  });
}

async function canSeeFlow(
  db: Kysely<Database>,
  row: { initiative_id: string | null; partner_id: string },
  viewer: Principal,
) {
  const visibility = flowVisibilityFor(viewer);
  if (visibility.all || !row.initiative_id || row.partner_id === visibility.organizationId)
    return true;
  const initiative = await findInitiativeAudience(db, row.initiative_id);
  return Boolean(
    initiative &&
      (initiative.published_at !== null || initiative.lead_country === visibility.country),
  );
}

/** Each listed pledge and commitment with what is left on it (remainingAmounts). */
async function withRemaining(
  db: Kysely<Database>,
  flows: Flow[],
  visibility: FlowVisibility,
): Promise<Flow[]> {
  const left = await remainingAmounts(
    db,
    flows.map((flow) => flow.id),
    visibility,
  );
  return flows.map((flow) => ({
    ...flow,
    remaining: left.get(flow.id)?.remaining ?? null,
    remaining_usd: left.get(flow.id)?.remaining_usd ?? null,
  }));
}
