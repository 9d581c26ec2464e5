import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError, invalidField } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../../platform/principal.ts";
import { findOrganizationRow } from "../organizations/index.ts";
import { canManageUser, roleFitsOrganization } from "./accounts.policy.ts";
import type { CreateUserInput, User } from "./accounts.schema.ts";
import { assertAcceptablePassword, hashPassword } from "./passwords.ts";
import { findUserRecord, insertUser, toUser } from "./users.queries.ts";

/** 24 random characters from a 64-symbol alphabet: far past any guessing. */
export const generatePassword = () => randomBytes(18).toString("base64url");

export async function createUser(options: {
  db: Kysely<Database>;
  input: CreateUserInput;
  principal: Principal;
  isDemo?: boolean;
}): Promise<{ user: User; generatedPassword: string | null }> {
  const { input } = options;
  assertAllowed(canManageUser(options.principal, null, input.role));
  const generatedPassword = input.password === undefined ? generatePassword() : null;
  const password = input.password ?? (generatedPassword as string);
  await assertAcceptablePassword(password, [input.email, input.name]);
  const passwordHash = await hashPassword(password);
  return inTransaction(options.db, async (trx) => {
    const organization = await findOrganizationRow(trx, input.organization);
    if (!organization)
      throw invalidField(
        "organization",
        `no organization with id or code "${input.organization}"`,
        {
          code: "unknown_organization",
          value: input.organization,
        },
      );
    const fits = roleFitsOrganization(input.role, organization.kind);
    if (!fits.allowed)
      throw invalidField("role", fits.reason, {
        code: "role_organization_kind",
        role: input.role,
        kind: organization.kind,
      });
    if (await findUserRecord(trx, input.email))
      throw new AppError("conflict", `A user with the email ${input.email} already exists.`, {
        reason: "email_taken",
        values: { email: input.email },
      });
    const id = await insertUser(trx, {
      email: input.email,
      name: input.name,
      organization_id: organization.id,
      role: input.role,
      password_hash: passwordHash,
      is_demo: options.isDemo ?? false,
    });
    const record = await findUserRecord(trx, id);
    if (!record) throw new AppError("internal", "The new user could not be read back.");
    return { user: toUser(record), generatedPassword };
  });
}
