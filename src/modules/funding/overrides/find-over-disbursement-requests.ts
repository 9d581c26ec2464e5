import type { Kysely } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import { isStaff, type Principal } from "../../accounts/index.ts";
import { findRequestRow, listRequestRows, toRequest } from "./override-requests.queries.ts";
import type {
  ListOverDisbursementRequestsQuery,
  OverDisbursementRequest,
} from "./override-requests.schema.ts";

/**
 * Which requests a reader sees: the secretariat all, a partner its own organization's, nobody
 * else any (the public sees an approved one as the flag on its disbursement).
 */
function partnerScope(viewer: Principal): { partnerId?: string } {
  if (isStaff(viewer)) return {};
  if (viewer.kind === "user" && viewer.role === "partner")
    return { partnerId: viewer.organizationId };
  throw new AppError("forbidden", "Only partners and the secretariat read override requests.");
}

export async function findOverDisbursementRequests(options: {
  db: Kysely<Database>;
  query: ListOverDisbursementRequestsQuery;
  viewer: Principal;
}) {
  const { query } = options;
  const { rows, total } = await listRequestRows(
    options.db,
    { ...partnerScope(options.viewer), ...(query.status && { statuses: query.status }) },
    { limit: query.limit, offset: query.offset },
  );
  return {
    data: rows.map(toRequest),
    page: { total, limit: query.limit, offset: query.offset },
  };
}

export async function getOverDisbursementRequest(options: {
  db: Kysely<Database>;
  id: string;
  viewer: Principal;
}): Promise<OverDisbursementRequest> {
  const scope = partnerScope(options.viewer);
  const row = await findRequestRow(options.db, options.id);
  // Another partner's request is answered as a missing one.
  if (!row || (scope.partnerId && row.partner_id !== scope.partnerId))
    throw notFound("over-disbursement request", options.id);
  return toRequest(row);
}
