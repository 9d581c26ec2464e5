import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { invalidField, notFound } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../../platform/principal.ts";
import { findOrganizationRow } from "../organizations/index.ts";
import { canManageUser, roleFitsOrganization } from "./accounts.policy.ts";
import type { UpdateUserInput, User } from "./accounts.schema.ts";
import { endUserSessions, findUserRecord, revokeUserTokens, toUser } from "./users.queries.ts";

/**
 * Changes a user's name, role, organization or active flag. Disabling the account or changing
 * its role or organization ends their sessions and revokes their API tokens, in the same
 * transaction.
 */
export async function updateUser(options: {
  db: Kysely<Database>;
  idOrEmail: string;
  input: UpdateUserInput;
  principal: Principal;
}): Promise<User> {
  const { input } = options;
  return inTransaction(options.db, async (trx) => {
    const existing = await findUserRecord(trx, options.idOrEmail);
    if (!existing) throw notFound("user", options.idOrEmail);
    assertAllowed(canManageUser(options.principal, { role: existing.role }, input.role));
    let organizationId = existing.organization_id;
    let organizationKind = existing.organization_kind;
    if (input.organization !== undefined) {
      const organization = await findOrganizationRow(trx, input.organization);
      if (!organization)
        throw invalidField(
          "organization",
          `no organization with id or code "${input.organization}"`,
          { code: "unknown_organization", value: input.organization },
        );
      organizationId = organization.id;
      organizationKind = organization.kind;
    }
    const fits = roleFitsOrganization(input.role ?? existing.role, organizationKind);
    if (!fits.allowed)
      throw invalidField(input.role ? "role" : "organization", fits.reason, {
        code: "role_organization_kind",
        role: input.role ?? existing.role,
        kind: organizationKind,
      });
    await updateVersioned(trx, {
      table: "users",
      id: existing.id,
      expectedVersion: input.version,
      changes: {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.role !== undefined && { role: input.role }),
        ...(input.organization !== undefined && { organization_id: organizationId }),
        ...(input.active !== undefined && { active: input.active }),
      },
    });
    // A changed role or organization changes what sessions and tokens may do: a session starts
    // afresh, a token (made for what the user was) ends.
    if (
      input.active === false ||
      (input.role !== undefined && input.role !== existing.role) ||
      organizationId !== existing.organization_id
    ) {
      await endUserSessions(trx, existing.id);
      await revokeUserTokens(trx, existing.id);
    }
    const updated = await findUserRecord(trx, existing.id);
    if (!updated) throw notFound("user", existing.id);
    return toUser(updated);
  });
}
