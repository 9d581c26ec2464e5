import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { invalidField, notFound } from "../../platform/errors.ts";
import {
  findComponentRow,
  findLineOfActionRow,
  listLineOfActionRows,
  toLineOfAction,
} from "./strategy.queries.ts";
import type { LineOfAction, ListLinesOfActionQuery } from "./strategy.schema.ts";

export async function findLinesOfAction(options: {
  db: Kysely<Database>;
  query: ListLinesOfActionQuery;
}) {
  const { db, query } = options;
  let componentId: string | undefined;
  if (query.component) {
    const component = await findComponentRow(db, query.component);
    if (!component)
      throw invalidField("query.component", `no strategy component "${query.component}"`, {
        code: "unknown_component",
        value: query.component,
      });
    componentId = component.id;
  }
  const { rows, total } = await listLineOfActionRows(db, query, componentId);
  return {
    data: rows.map(toLineOfAction),
    page: { total, limit: query.limit, offset: query.offset },
  };
}

export async function getLineOfAction(options: {
  db: Kysely<Database>;
  idOrCode: string;
}): Promise<LineOfAction> {
  const row = await findLineOfActionRow(options.db, options.idOrCode);
  if (!row) throw notFound("line of action", options.idOrCode);
  return toLineOfAction(row);
}
