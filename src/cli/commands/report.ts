import type { Command } from "commander";
import { lazy } from "../lazy.ts";

/**
 * `esca report`: the Permanent Council's report to the General Assembly, issued and stored
 * as a snapshot, written to --out (default: a file named after its symbol and language).
 * Prints the symbol, data-as-of time and SHA-256 of the bytes.
 */
export function registerReport(program: Command) {
  program
    .command("report")
    .description("issue the Permanent Council's report to the General Assembly (AG/RES. 2626 ¶9)")
    .requiredOption("--lang <lang>", "es | en")
    .requiredOption("--format <format>", "docx | pdf | html")
    .option(
      "--as-of <date>",
      "the data as it stood then: 2012-06-03 (end of that day, UTC) or an instant",
    )
    .option("--out <file>", "where to write the file")
    .action(lazy(async () => (await import("../actions/report.ts")).issueReport));
}
