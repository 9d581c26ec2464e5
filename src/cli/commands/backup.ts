import type { Command } from "commander";
import { lazy } from "../lazy.ts";

export function registerBackup(program: Command) {
  program
    .command("backup")
    .description(
      "write a consistent, portable backup of the whole database to FILE (JSON lines; gzip when FILE ends in .gz) that either database loads with `esca restore`",
    )
    .argument("<file>", "where to write the backup")
    .action(lazy(async () => (await import("../actions/backup.ts")).backup));
  program
    .command("restore")
    .description(
      "load a backup written by `esca backup` into this database (embedded or PostgreSQL), all or nothing; the database is migrated first and must be empty unless --replace",
    )
    .argument("<file>", "the backup to load")
    .option("--replace", "replace the data this database holds")
    .action(lazy(async () => (await import("../actions/backup.ts")).restore));
}
