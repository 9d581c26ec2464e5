import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { notFound } from "../../platform/errors.ts";
import { findOrganizationRow, toOrganization } from "./organizations.queries.ts";
import type { Organization, UpdateOrganizationInput } from "./organizations.schema.ts";

export async function updateOrganization(options: {
  db: Kysely<Database>;
  idOrCode: string;
  input: UpdateOrganizationInput;
}): Promise<Organization> {
  const { db, input } = options;
  return inTransaction(db, async (trx) => {
    const existing = await findOrganizationRow(trx, options.idOrCode);
    if (!existing) throw notFound("organization", options.idOrCode);
    await updateVersioned(trx, {
      table: "organizations",
      id: existing.id,
      expectedVersion: input.version,
      changes: {
        ...(input.name?.es !== undefined && { name_es: input.name.es }),
        ...(input.name?.en !== undefined && { name_en: input.name.en }),
        ...(input.acronym !== undefined && { acronym: input.acronym }),
        ...(input.iati_org_id !== undefined && { iati_org_id: input.iati_org_id }),
        ...(input.group_of_friends !== undefined && { group_of_friends: input.group_of_friends }),
        ...(input.website !== undefined && { website: input.website }),
      },
    });
    const updated = await findOrganizationRow(trx, existing.id);
    if (!updated) throw notFound("organization", existing.id);
    return toOrganization(updated);
  });
}
