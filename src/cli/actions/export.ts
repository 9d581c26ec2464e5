import { writeFileSync } from "node:fs";
import {
  exportIatiActivities,
  exportIatiOrganisation,
  loadIatiSettings,
} from "../../modules/iati/index.ts";
import { exportResolution, resolutionFileText } from "../../modules/mandates/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { AppError } from "../../platform/errors.ts";
import { withDatabaseOrServer } from "../through-server.ts";

/** `esca export resolution SYMBOL [--out FILE]`. */
export async function exportResolutionFile(
  symbol: string,
  options: { out?: string },
): Promise<void> {
  const text = await withDatabaseOrServer(loadConfig(), "export resolution", {
    local: async (db) => resolutionFileText(await exportResolution({ db, symbol })),
    remote: async (client) => {
      const response = await fetch(
        `${client.url}/api/resolutions/export?symbol=${encodeURIComponent(symbol)}`,
      );
      if (response.status === 404)
        throw new AppError("not_found", `No resolution with the symbol "${symbol}".`);
      if (!response.ok)
        throw new AppError("internal", `The server at ${client.url} answered ${response.status}.`);
      return `${JSON.stringify(await response.json(), null, 2)}\n`;
    },
  });
  if (!options.out) return void process.stdout.write(text);
  writeFileSync(options.out, text);
  process.stdout.write(`Wrote ${symbol} to ${options.out}.\n`);
}

/** `esca export iati [--out FILE] [--organisation]`. */
export async function exportIatiFile(options: {
  out?: string;
  organisation?: boolean;
}): Promise<void> {
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
        throw new AppError("internal", `The server at ${client.url} answered ${response.status}.`);
      return response.text();
    },
  });
  if (!options.out) return void process.stdout.write(xml);
  writeFileSync(options.out, xml);
  const count = (xml.match(options.organisation ? /<iati-organisation / : /<iati-activity /g) ?? [])
    .length;
  process.stdout.write(
    `Wrote ${count} IATI ${which === "organisation" ? "organisation" : "activities"} to ${options.out}.\n`,
  );
}
