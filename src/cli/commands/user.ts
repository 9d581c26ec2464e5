import type { Command } from "commander";
import { lazy } from "../lazy.ts";

const load = () => import("../actions/user.ts");

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
    .action(lazy(async () => (await load()).addUser));
  user
    .command("list")
    .description("list users")
    .option("--role <role>", "only this role")
    .action(lazy(async () => (await load()).listUsers));
  user
    .command("disable")
    .argument("<email>", "the user's email")
    .description("disable a user; all their sessions end at once")
    .action(lazy(async () => (await load()).disableUser));
  user
    .command("reset-password")
    .argument("<email>", "the user's email")
    .description("set a new random password (printed once); all their sessions end")
    .action(lazy(async () => (await load()).resetUserPassword));
}
