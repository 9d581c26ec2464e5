import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { listInitiativeViews } from "./initiatives.queries.ts";
import type { Initiative, ListInitiativesQuery } from "./initiatives.schema.ts";
import { loadInitiative, toInitiatives } from "./to-initiative.ts";

export async function findInitiatives(options: {
  db: Kysely<Database>;
  query: ListInitiativesQuery;
}) {
  const { rows, total } = await listInitiativeViews(options.db, options.query);
  return {
    data: await toInitiatives(options.db, rows),
    page: { total, limit: options.query.limit, offset: options.query.offset },
  };
}

export function getInitiative(options: {
  db: Kysely<Database>;
  idOrCode: string;
}): Promise<Initiative> {
  return loadInitiative(options.db, options.idOrCode);
}
