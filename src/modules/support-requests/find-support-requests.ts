import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { Principal } from "../accounts/index.ts";
import { audienceFor, canSeeRequest } from "./support-requests.policy.ts";
import {
  countRequestRowsByBody,
  findStepRows,
  findSupportRequestRow,
  listSupportRequestRows,
  type SupportRequestRow,
  toSupportRequest,
  toTimeline,
} from "./support-requests.queries.ts";
import type { ListSupportRequestsQuery, SupportRequestDetail } from "./support-requests.schema.ts";

export const isVisible = (viewer: Principal, row: SupportRequestRow) =>
  canSeeRequest(viewer, {
    status: row.status,
    published: row.published_at !== null,
    country: row.country_iso2,
    bodyId: row.body_id,
  });

export async function findSupportRequests(options: {
  db: Kysely<Database>;
  query: ListSupportRequestsQuery;
  viewer: Principal;
}) {
  const { rows, total } = await listSupportRequestRows(
    options.db,
    options.query,
    audienceFor(options.viewer),
  );
  return {
    data: rows.map(toSupportRequest),
    page: { total, limit: options.query.limit, offset: options.query.offset },
  };
}

/** A request the viewer may not see is not found, as a missing one (no probing of ids). */
export async function getSupportRequest(options: {
  db: Kysely<Database>;
  id: string;
  viewer: Principal;
}): Promise<SupportRequestDetail> {
  const row = await findSupportRequestRow(options.db, options.id);
  if (!row || !isVisible(options.viewer, row)) throw notFound("support request", options.id);
  return { ...toSupportRequest(row), timeline: toTimeline(await findStepRows(options.db, row.id)) };
}

/** Per body: requests completed, and open ones (acknowledged or accepted). */
export async function countRequestsByBody(options: {
  db: Kysely<Database>;
  bodyIds: string[];
  publishedOnly: boolean;
}) {
  const rows = await countRequestRowsByBody(options.db, options.bodyIds, options.publishedOnly);
  return new Map(
    rows.map((row) => [row.body_id, { completed: Number(row.completed), open: Number(row.open) }]),
  );
}
