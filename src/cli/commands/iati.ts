import type { Command } from "commander";
import { loadIatiSettings, requireSchemaDir, validateIatiFile } from "../../modules/iati/index.ts";
import { progressBar } from "../progress.ts";
import { action } from "../run.ts";
import { readableFile } from "./iati-files.ts";
import { registerImportIati } from "./iati-import.ts";
import { renderReport } from "./iati-report.ts";

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
    .action(
      action(async (file: string, options: { schema: boolean; json?: boolean }) => {
        const path = readableFile(file);
        const schemaDir = options.schema ? requireSchemaDir(loadIatiSettings()) : null;
        const bar = progressBar("validating");
        const report = await validateIatiFile({ path, schemaDir, onProgress: bar.update });
        bar.finish(0);
        process.stdout.write(
          options.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(file, report),
        );
        if (!report.valid) process.exitCode = 1;
      }),
    );
}
