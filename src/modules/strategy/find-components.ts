import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import {
  findComponentRow,
  linesOfComponents,
  listComponentRows,
  toComponent,
} from "./strategy.queries.ts";
import type { Component, ListComponentsQuery } from "./strategy.schema.ts";

export async function findComponents(options: {
  db: Kysely<Database>;
  query: ListComponentsQuery;
}) {
  const { rows, total } = await listComponentRows(options.db, options.query);
  const lines = await linesOfComponents(
    options.db,
    rows.map((row) => row.id),
  );
  return {
    data: rows.map((row) => toComponent(row, lines)),
    page: { total, limit: options.query.limit, offset: options.query.offset },
  };
}

export async function getComponent(options: {
  db: Kysely<Database>;
  idOrCode: string;
}): Promise<Component> {
  const row = await findComponentRow(options.db, options.idOrCode);
  if (!row) throw notFound("strategy component", options.idOrCode);
  return toComponent(row, await linesOfComponents(options.db, [row.id]));
}
