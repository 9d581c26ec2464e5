import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import {
  findOrganizationRow,
  listOrganizationRows,
  toOrganization,
} from "./organizations.queries.ts";
import type { ListOrganizationsQuery, Organization } from "./organizations.schema.ts";

export async function findOrganizations(options: {
  db: Kysely<Database>;
  query: ListOrganizationsQuery;
}) {
  const { rows, total } = await listOrganizationRows(options.db, options.query);
  return {
    data: rows.map(toOrganization),
    page: { total, limit: options.query.limit, offset: options.query.offset },
  };
}

export async function getOrganization(options: {
  db: Kysely<Database>;
  idOrCode: string;
}): Promise<Organization> {
  const row = await findOrganizationRow(options.db, options.idOrCode);
  if (!row) throw notFound("organization", options.idOrCode);
  return toOrganization(row);
}
