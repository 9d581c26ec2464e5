import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { importRatesCsv } from "../../modules/exchange-rates/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { AppError } from "../../platform/errors.ts";
import { action } from "../run.ts";
import { withDatabaseOrServer } from "../through-server.ts";

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
        const result = await withDatabaseOrServer(loadConfig(), "import rates", {
          local: (db) => importRatesCsv({ db, csv }),
          remote: (client) =>
            client.send<{ imported: number; created: number; updated: number }>(
              "POST",
              "/api/exchange-rates/import",
              csv,
              "text/csv",
            ),
        });
        process.stdout.write(
          `Imported ${result.imported} rates from ${file}: ${result.created} new, ${result.updated} corrected.\n`,
        );
      }),
    );
}
