import type { Insertable, Kysely } from "kysely";
import { readPage } from "../../platform/db/paging.ts";
import { containsPattern, isUuid } from "../../platform/db/query-helpers.ts";
import type { Database, OrganizationRow, OrganizationsTable } from "../../platform/db/schema.ts";
import type { ListOrganizationsQuery, Organization } from "./organizations.schema.ts";

/** A record can be addressed by its uuid or by its code ("IDB", "GT"). */
export function findOrganizationRow(db: Kysely<Database>, idOrCode: string) {
  const query = db.selectFrom("organizations").selectAll();
  return (
    isUuid(idOrCode)
      ? query.where("id", "=", idOrCode)
      : query.where("code", "=", idOrCode.toUpperCase())
  ).executeTakeFirst();
}

export async function listOrganizationRows(db: Kysely<Database>, query: ListOrganizationsQuery) {
  let base = db.selectFrom("organizations");
  if (query.kind?.length) base = base.where("kind", "in", query.kind);
  if (query.country?.length) base = base.where("country_iso2", "in", query.country);
  if (query.group_of_friends !== undefined)
    base = base.where("group_of_friends", "=", query.group_of_friends);
  if (query.q) {
    const pattern = containsPattern(query.q);
    base = base.where((eb) =>
      eb.or([
        eb("name_en", "ilike", pattern),
        eb("name_es", "ilike", pattern),
        eb("code", "ilike", pattern),
        eb("acronym", "ilike", pattern),
      ]),
    );
  }
  return readPage(
    {
      rows: base.selectAll().orderBy(query.sort.field, query.sort.direction).orderBy("id"),
      count: base,
    },
    query,
  );
}

export function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: { es: row.name_es, en: row.name_en },
    acronym: row.acronym,
    country: row.country_iso2,
    iati_org_id: row.iati_org_id,
    group_of_friends: row.group_of_friends,
    website: row.website,
    version: row.version,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function insertOrganizationRow(
  db: Kysely<Database>,
  values: Insertable<OrganizationsTable>,
) {
  return db.insertInto("organizations").values(values).returningAll().executeTakeFirstOrThrow();
}
