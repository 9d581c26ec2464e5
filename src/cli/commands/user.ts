import type { Command } from "commander";
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
import { action } from "../run.ts";
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

export function registerUser(program: Command) {
  const user = program
    .command("user")
    .description("manage accounts (operators on the server's machine)");
  user
    .command("add")
    .description("create a user; prints a generated password once unless --password-stdin is given")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--name <name>", "full name")
    .requiredOption("--org <code>", "organization code or id, e.g. GT, IDB, SICA-DSD")
    .requiredOption("--role <role>", "focal_point, partner, secretariat or admin")
    .option("--password-stdin", "read the initial password from standard input")
    .action(
      action(
        async (options: {
          email: string;
          name: string;
          org: string;
          role: string;
          passwordStdin?: boolean;
        }) => {
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
        },
      ),
    );
  user
    .command("list")
    .description("list users")
    .option("--role <role>", "only this role")
    .action(
      action(async (options: { role?: string }) => {
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
      }),
    );
  user
    .command("disable")
    .argument("<email>", "the user's email")
    .description("disable a user; all their sessions end at once")
    .action(
      action(async (email: string) => {
        await withDatabase("user disable", (db) =>
          updateUser({ db, idOrEmail: email, input: { active: false }, principal: operator }),
        );
        process.stdout.write(`Disabled ${email}; their sessions have ended.\n`);
      }),
    );
  user
    .command("reset-password")
    .argument("<email>", "the user's email")
    .description("set a new random password (printed once); all their sessions end")
    .action(
      action(async (email: string) => {
        const reset = await withDatabase("user reset-password", (db) =>
          resetPassword({ db, idOrEmail: email, principal: operator }),
        );
        process.stdout.write(`New password for ${reset.email} (shown once): ${reset.password}\n`);
      }),
    );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
