import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import {
  exportIatiActivities,
  exportIatiOrganisation,
  loadIatiSettings,
} from "../../modules/iati/index.ts";
import { exportResolution, resolutionFileText } from "../../modules/mandates/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { AppError } from "../../platform/errors.ts";
import { action } from "../run.ts";
import { withDatabaseOrServer } from "../through-server.ts";

export function registerExport(program: Command) {
  const exportCommand = program.command("export").description("export data to files");
  exportCommand
    .command("resolution")
    .argument("<symbol>", 'the resolution\'s symbol, e.g. "AG/RES. 2626 (XLI-O/11)"')
    .description(
      "write a resolution as the JSON file `esca import resolution` reads (GET /api/resolutions/export)",
    )
    .option("-o, --out <file>", "write to this file instead of standard output")
    .action(
      action(async (symbol: string, options: { out?: string }) => {
        const text = await withDatabaseOrServer(loadConfig(), "export resolution", {
          local: async (db) => resolutionFileText(await exportResolution({ db, symbol })),
          remote: async (client) => {
            const response = await fetch(
              `${client.url}/api/resolutions/export?symbol=${encodeURIComponent(symbol)}`,
            );
            if (response.status === 404)
              throw new AppError("not_found", `No resolution with the symbol "${symbol}".`);
            if (!response.ok)
              throw new AppError(
                "internal",
                `The server at ${client.url} answered ${response.status}.`,
              );
            return `${JSON.stringify(await response.json(), null, 2)}\n`;
          },
        });
        if (!options.out) return void process.stdout.write(text);
        writeFileSync(options.out, text);
        process.stdout.write(`Wrote ${symbol} to ${options.out}.\n`);
      }),
    );
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
    .action(
      action(async (options: { out?: string; organisation?: boolean }) => {
        const settings = loadIatiSettings();
        const which = options.organisation ? "organisation" : "activities";
        const xml = await withDatabaseOrServer(loadConfig(), "export iati", {
          local: (db) =>
            options.organisation
              ? exportIatiOrganisation({ db, settings })
              : exportIatiActivities({ db, settings }),
          remote: async (client) => {
            const response = await fetch(`${client.url}/api/iati/${which}.xml`);
            if (!response.ok)
              throw new AppError(
                "internal",
                `The server at ${client.url} answered ${response.status}.`,
              );
            return response.text();
          },
        });
        if (!options.out) return void process.stdout.write(xml);
        writeFileSync(options.out, xml);
        const count = (
          xml.match(options.organisation ? /<iati-organisation / : /<iati-activity /g) ?? []
        ).length;
        process.stdout.write(
          `Wrote ${count} IATI ${which === "organisation" ? "organisation" : "activities"} to ${options.out}.\n`,
        );
      }),
    );
}
