import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import {
  exportIatiActivities,
  exportIatiOrganisation,
  loadIatiSettings,
} from "../../modules/iati/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { AppError } from "../../platform/errors.ts";
import { action } from "../run.ts";
import { withDatabaseOrServer } from "../through-server.ts";

export function registerExport(program: Command) {
  const exportCommand = program.command("export").description("export data to files");
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
