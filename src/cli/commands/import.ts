import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { importRatesCsv } from "../../modules/exchange-rates/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { migrateToLatest } from "../../platform/db/migrate.ts";
import { openConfiguredDatabase } from "../../platform/db/open.ts";
import { AppError } from "../../platform/errors.ts";
import { action } from "../run.ts";

export function registerImport(program: Command) {
  const importCommand = program.command("import").description("import data from files");
  importCommand
    .command("rates")
    .argument("<file>", "CSV with the header currency,date,usd_per_unit,source")
    .description("import exchange rates (all rows or none; a bad row is named by line and column)")
    .action(
      action(async (file: string) => {
        let csv: string;
        try {
          csv = readFileSync(file, "utf8");
        } catch (error) {
          throw new AppError(
            "not_found",
            `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`,
          );
        }
        // Writing through the API needs a signed-in secretariat user; here the operator opens
        // the database itself, which a running server's lock refuses (naming the server).
        const database = await openConfiguredDatabase(loadConfig(), "import rates");
        let result: { imported: number; created: number; updated: number };
        try {
          await migrateToLatest(database.db);
          result = await importRatesCsv({ db: database.db, csv });
        } finally {
          await database.close();
        }
        process.stdout.write(
          `Imported ${result.imported} rates from ${file}: ${result.created} new, ${result.updated} corrected.\n`,
        );
      }),
    );
}
