import type { Command } from "commander";
import { lazy } from "../lazy.ts";

/** `esca import iati FILE…`: each file is its publisher's publication, imported whole or not at all. */
function registerImportIati(program: Command) {
  const importCommand =
    program.commands.find((c) => c.name() === "import") ?? program.command("import");
  importCommand
    .command("iati")
    .argument("<files...>", "IATI activity files (versions 2.01–2.03)")
    .description(
      "import partners' IATI publications: each file replaces its publisher's previous one; the same file again changes nothing",
    )
    .option("--dry-run", "check and map everything, report per activity, write nothing")
    .option("--json", "print the summaries as JSON")
    .action(lazy(async () => (await import("../actions/iati-import.ts")).importIati));
}

export function registerIati(program: Command) {
  registerImportIati(program);
  const iati = program.command("iati").description("IATI 2.03 data exchange");
  iati
    .command("validate")
    .argument("<file>", "an IATI activity file (versions 2.01–2.03)")
    .description(
      "check a file against the official IATI 2.03 schema and the main rules; exit 0 when valid, 1 otherwise",
    )
    .option("--no-schema", "check only the streaming guard, the data and the rules")
    .option("--json", "print the report as JSON")
    .action(lazy(async () => (await import("../actions/iati.ts")).validateIati));
}
