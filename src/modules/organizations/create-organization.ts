import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { insertOrganizationRow, toOrganization } from "./organizations.queries.ts";
import type { CreateOrganizationInput, Organization } from "./organizations.schema.ts";

export async function createOrganization(options: {
  db: Kysely<Database>;
  input: CreateOrganizationInput;
}): Promise<Organization> {
  const { db, input } = options;
  const row = await insertOrganizationRow(db, {
    code: input.code,
    kind: input.kind,
    name_es: input.name.es,
    name_en: input.name.en,
    acronym: input.acronym ?? null,
    country_iso2: input.country ?? null,
    iati_org_id: input.iati_org_id ?? null,
    group_of_friends: input.group_of_friends ?? false,
    website: input.website ?? null,
  });
  return toOrganization(row);
}
