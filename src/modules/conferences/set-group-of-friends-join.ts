import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { findOrganizationRow } from "./conference-parts.queries.ts";
import type { GroupOfFriendsJoinInput } from "./conference-parts.schema.ts";
import { upsertGroupOfFriendsJoin } from "./conferences.queries.ts";

/** Records when a member joined the Group of Friends, with its source (or as illustrative). */
export async function setGroupOfFriendsJoin(options: {
  db: Kysely<Database>;
  organizationId: string;
  input: GroupOfFriendsJoinInput;
}): Promise<{ ok: true }> {
  return inTransaction(options.db, async (trx) => {
    const organization = await findOrganizationRow(trx, options.organizationId);
    if (!organization) throw notFound("organization", options.organizationId);
    if (!organization.group_of_friends) {
      throw new AppError(
        "unprocessable",
        `${organization.code} is not a member of the Group of Friends`,
        { details: [{ path: "organization", message: "is not a member of the Group of Friends" }] },
      );
    }
    await upsertGroupOfFriendsJoin(trx, {
      organization_id: organization.id,
      joined_on: options.input.joined_on,
      illustrative: options.input.illustrative ?? false,
      source: options.input.source ?? null,
    });
    return { ok: true };
  });
}
