import type { Command } from "commander";
import { lazy } from "../lazy.ts";

export function registerMigrate(program: Command) {
  program
    .command("migrate")
    .description("apply pending database migrations (the server also does this at start)")
    .option("--down", "revert the newest migration instead")
    .action(lazy(async () => (await import("../actions/migrate.ts")).migrate));
}
