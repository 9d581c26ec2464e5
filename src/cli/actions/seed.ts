import { seedDemo } from "../../modules/demo/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { migrateToLatest } from "../../platform/db/migrate.ts";
import { openConfiguredDatabase } from "../../platform/db/open.ts";
import { AppError } from "../../platform/errors.ts";

/** `esca seed demo [--server]`. */
export async function seedDemoData(options: { server?: boolean }): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl && !options.server) {
    throw new AppError(
      "unprocessable",
      "DATABASE_URL points at a PostgreSQL server; demo data goes there only with --server.",
    );
  }
  const database = await openConfiguredDatabase(config, "seed demo");
  try {
    await migrateToLatest(database.db);
    const summary = await seedDemo({ db: database.db });
    const counts = Object.entries(summary)
      .map(([what, count]) => `${count} ${what}`)
      .join(", ");
    process.stdout.write(`Demo data loaded into ${database.description}: ${counts}.\n`);
  } finally {
    await database.close();
  }
}
