import type { Command } from "commander";
import { loadConfig } from "../../platform/config.ts";
import { migrateDown, migrateToLatest } from "../../platform/db/migrate.ts";
import { openConfiguredDatabase } from "../../platform/db/open.ts";
import { action } from "../run.ts";

export function registerMigrate(program: Command) {
  program
    .command("migrate")
    .description("apply pending database migrations (the server also does this at start)")
    .option("--down", "revert the newest migration instead")
    .action(
      action(async (options: { down?: boolean }) => {
        const database = await openConfiguredDatabase(loadConfig(), "migrate");
        try {
          if (options.down) {
            const reverted = await migrateDown(database.db);
            process.stdout.write(
              reverted
                ? `Reverted ${reverted} on ${database.description}.\n`
                : "Nothing to revert.\n",
            );
            return;
          }
          const result = await migrateToLatest(database.db);
          const applied = result.applied.length
            ? `applied ${result.applied.join(", ")}`
            : "already up to date";
          process.stdout.write(
            `Schema ${applied} on ${database.description} (latest: ${result.current}).\n`,
          );
        } finally {
          await database.close();
        }
      }),
    );
}
