import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { findFlowRow, listFlowRows, toFlow } from "./flows.queries.ts";
import type { Flow, ListFlowsQuery } from "./flows.schema.ts";

export async function findFlows(options: { db: Kysely<Database>; query: ListFlowsQuery }) {
  const { rows, total } = await listFlowRows(options.db, options.query);
  return {
    data: rows.map(toFlow),
    page: { total, limit: options.query.limit, offset: options.query.offset },
  };
}

export async function getFlow(options: { db: Kysely<Database>; id: string }): Promise<Flow> {
  const row = await findFlowRow(options.db, options.id);
  if (!row) throw notFound("flow", options.id);
  return toFlow(row);
}
