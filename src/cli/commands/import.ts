import type { Command } from "commander";
import { lazy } from "../lazy.ts";

export function registerImport(program: Command) {
  const importCommand = program.command("import").description("import data from files");
  importCommand
    .command("resolution")
    .argument("<file>", "a resolution as JSON (docs/resolution.schema.json)")
    .option(
      "--replace",
      "update a resolution already imported: texts, addressees and periods, keeping statuses, evidence and links (refused when the file drops a paragraph or period that holds any)",
    )
    .description(
      "import a resolution and its operative paragraphs as mandates (all or nothing; a bad field is named by JSON path and line; the same file again changes nothing)",
    )
    .action(lazy(async () => (await import("../actions/import.ts")).importResolutionFile));
  importCommand
    .command("rates")
    .argument("<file>", "CSV with the header currency,date,usd_per_unit,source")
    .description("import exchange rates (all rows or none; a bad row is named by line and column)")
    .action(lazy(async () => (await import("../actions/import.ts")).importRates));
  importCommand
    .command("indicators")
    .argument(
      "<file>",
      "CSV with the header indicator,country,year,value,source (optionally sex, notes)",
    )
    .option("--skip-invalid", "import the valid rows and skip the ones with problems")
    .description(
      "import indicator observations (a file with problems imports nothing unless --skip-invalid; each problem named by line and column)",
    )
    .action(lazy(async () => (await import("../actions/import.ts")).importIndicators));
}
