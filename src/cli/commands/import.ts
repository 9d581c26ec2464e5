import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { importRatesCsv } from "../../modules/exchange-rates/index.ts";
import { importResolution } from "../../modules/mandates/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { migrateToLatest } from "../../platform/db/migrate.ts";
import { openConfiguredDatabase } from "../../platform/db/open.ts";
import { AppError } from "../../platform/errors.ts";
import { action } from "../run.ts";

function readInput(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new AppError(
      "not_found",
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`,
    );
  }
}

export function registerImport(program: Command) {
  const importCommand = program.command("import").description("import data from files");
  importCommand
    .command("resolution")
    .argument("<file>", "a resolution as JSON (docs/resolution.schema.json)")
    .description(
      "import a resolution and its operative paragraphs as mandates (all or nothing; a bad field is named by JSON path and line)",
    )
    .action(
      action(async (file: string) => {
        const text = readInput(file);
        const database = await openConfiguredDatabase(loadConfig(), "import resolution");
        let result: { symbol: string; paragraphs: number; periods: number };
        try {
          await migrateToLatest(database.db);
          result = await importResolution({ db: database.db, file: text });
        } finally {
          await database.close();
        }
        process.stdout.write(
          `Imported ${result.symbol} from ${file}: ${result.paragraphs} paragraphs, ${result.periods} reporting periods.\n`,
        );
      }),
    );
  importCommand
    .command("rates")
    .argument("<file>", "CSV with the header currency,date,usd_per_unit,source")
    .description("import exchange rates (all rows or none; a bad row is named by line and column)")
    .action(
      action(async (file: string) => {
        const csv = readInput(file);
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
