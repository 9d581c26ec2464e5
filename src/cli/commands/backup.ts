import { resolve } from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../../platform/config.ts";
import { backupToFile, restoreFromFile } from "../../platform/db/backup-file.ts";
import { migrateToLatest } from "../../platform/db/migrate.ts";
import { openConfiguredDatabase } from "../../platform/db/open.ts";
import { action } from "../run.ts";

const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);

export function registerBackup(program: Command) {
  program
    .command("backup")
    .description(
      "write a consistent, portable backup of the whole database to FILE (JSON lines; gzip when FILE ends in .gz) that either database loads with `esca restore`",
    )
    .argument("<file>", "where to write the backup")
    .action(
      action(async (file: string) => {
        const database = await openConfiguredDatabase(loadConfig(), "backup");
        try {
          const path = resolve(file);
          const result = await backupToFile(database.db, database.backend, path);
          process.stdout.write(
            `Backed up ${total(result.rows)} rows of ${Object.keys(result.rows).length} tables (schema ${result.schema}) from ${database.description} to ${path}\nsha256 of its content: ${result.sha256}\n`,
          );
        } finally {
          await database.close();
        }
      }),
    );
  program
    .command("restore")
    .description(
      "load a backup written by `esca backup` into this database (embedded or PostgreSQL), all or nothing; the database is migrated first and must be empty unless --replace",
    )
    .argument("<file>", "the backup to load")
    .option("--replace", "replace the data this database holds")
    .action(
      action(async (file: string, options: { replace?: boolean }) => {
        const database = await openConfiguredDatabase(loadConfig(), "restore");
        try {
          await migrateToLatest(database.db);
          const result = await restoreFromFile(database.db, resolve(file), {
            replace: options.replace === true,
          });
          process.stdout.write(
            `Restored ${total(result.rows)} rows of ${Object.keys(result.rows).length} tables (schema ${result.schema}) into ${database.description}.\nRun \`esca audit verify\` to check the audit chain.\n`,
          );
        } finally {
          await database.close();
        }
      }),
    );
}
