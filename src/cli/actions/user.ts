import type { Kysely } from "kysely";
import { roleSchema } from "../../contracts/roles.ts";
import {
  createUser,
  findUsers,
  resetPassword,
  systemPrincipal,
  updateUser,
} from "../../modules/accounts/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { migrateToLatest } from "../../platform/db/migrate.ts";
import { openConfiguredDatabase } from "../../platform/db/open.ts";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { renderTable } from "../table.ts";

const operator = systemPrincipal("esca-cli");

/** Account commands open the database themselves; a running server's lock refuses them by name. */
async function withDatabase<T>(
  command: string,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase(loadConfig(), command);
  try {
    await migrateToLatest(database.db);
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** `esca user add`: prints a generated password once unless --password-stdin is given. */
export async function addUser(options: {
  email: string;
  name: string;
  org: string;
  role: string;
  passwordStdin?: boolean;
}): Promise<void> {
  const role = roleSchema.safeParse(options.role);
  if (!role.success)
    throw new AppError(
      "validation_failed",
      `--role: "${options.role}" is not one of ${roleSchema.options.join(", ")}.`,
    );
  const password = options.passwordStdin ? (await readStdin()).trim() : undefined;
  const created = await withDatabase("user add", (db) =>
    createUser({
      db,
      principal: operator,
      input: {
        email: options.email.toLowerCase(),
        name: options.name,
        organization: options.org,
        role: role.data,
        ...(password && { password }),
      },
    }),
  );
  process.stdout.write(
    `Created ${created.user.email} (${created.user.role}, ${created.user.organization.code}).\n`,
  );
  if (created.generatedPassword)
    process.stdout.write(`Initial password (shown once): ${created.generatedPassword}\n`);
}

/** `esca user list [--role ROLE]`. */
export async function listUsers(options: { role?: string }): Promise<void> {
  const role = options.role === undefined ? undefined : roleSchema.parse(options.role);
  const { data } = await withDatabase("user list", (db) =>
    findUsers({ db, query: { limit: 500, offset: 0, ...(role && { role }) } }),
  );
  const rows = data.map((u) => [
    u.email,
    u.name,
    u.role,
    u.organization.code,
    u.active ? "active" : "disabled",
    u.totp_enabled ? "on" : "off",
  ]);
  process.stdout.write(
    `${renderTable(["email", "name", "role", "organization", "status", "2FA"], rows)}\n`,
  );
}

/** `esca user disable EMAIL`: all their sessions end at once. */
export async function disableUser(email: string): Promise<void> {
  await withDatabase("user disable", (db) =>
    updateUser({ db, idOrEmail: email, input: { active: false }, principal: operator }),
  );
  process.stdout.write(`Disabled ${email}; their sessions have ended.\n`);
}

/** `esca user reset-password EMAIL`: a new random password, printed once. */
export async function resetUserPassword(email: string): Promise<void> {
  const reset = await withDatabase("user reset-password", (db) =>
    resetPassword({ db, idOrEmail: email, principal: operator }),
  );
  process.stdout.write(`New password for ${reset.email} (shown once): ${reset.password}\n`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
