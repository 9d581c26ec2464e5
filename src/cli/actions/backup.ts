import { resolve } from "node:path";
import { loadConfig } from "../../platform/config.ts";
import { backupToFile, restoreFromFile } from "../../platform/db/backup-file.ts";
import { migrateToLatest } from "../../platform/db/migrate.ts";
import { openConfiguredDatabase } from "../../platform/db/open.ts";

const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);

/** `esca backup FILE`. */
export async function backup(file: string): Promise<void> {
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
}

/** `esca restore FILE [--replace]`. */
export async function restore(file: string, options: { replace?: boolean }): Promise<void> {
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
}
