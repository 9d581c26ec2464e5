import type { Command } from "commander";
import { lazy } from "../lazy.ts";

export function registerExport(program: Command) {
  const exportCommand = program.command("export").description("export data to files");
  exportCommand
    .command("resolution")
    .argument("<symbol>", 'the resolution\'s symbol, e.g. "AG/RES. 2626 (XLI-O/11)"')
    .description(
      "write a resolution as the JSON file `esca import resolution` reads (GET /api/resolutions/export)",
    )
    .option("-o, --out <file>", "write to this file instead of standard output")
    .action(lazy(async () => (await import("../actions/export.ts")).exportResolutionFile));
  exportCommand
    .command("iati")
    .description(
      "write the published initiatives and their flows as IATI 2.03 activities (the same file as GET /api/iati/activities.xml)",
    )
    .option("-o, --out <file>", "write to this file instead of standard output")
    .option(
      "--organisation",
      "write the IATI organisation file instead (GET /api/iati/organisation.xml)",
    )
    .action(lazy(async () => (await import("../actions/export.ts")).exportIatiFile));
}
