import { loadConfig } from "../../platform/config.ts";
import { migrateDown, migrateToLatest } from "../../platform/db/migrate.ts";
import { openConfiguredDatabase } from "../../platform/db/open.ts";

/** `esca migrate [--down]`. */
export async function migrate(options: { down?: boolean }): Promise<void> {
  const database = await openConfiguredDatabase(loadConfig(), "migrate");
  try {
    if (options.down) {
      const reverted = await migrateDown(database.db);
      process.stdout.write(
        reverted ? `Reverted ${reverted} on ${database.description}.\n` : "Nothing to revert.\n",
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
}
