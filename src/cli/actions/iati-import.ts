import { systemPrincipal } from "../../modules/accounts/index.ts";
import {
  dryRunIatiFile,
  type ImportSummary,
  importIatiFile,
  loadIatiSettings,
  optionalSchemaDir,
  type ValidationReport,
} from "../../modules/iati/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { AppError } from "../../platform/errors.ts";
import { progressBar } from "../progress.ts";
import { withDatabaseOrServer } from "../through-server.ts";
import { readableFile } from "./iati-files.ts";
import { renderReport } from "./iati-report.ts";
import { type ImportResult, uploadThroughServer } from "./iati-upload.ts";

/**
 * `esca import iati FILE… [--dry-run] [--json]`: each file is its publisher's publication,
 * imported whole or not at all.
 */
export async function importIati(
  files: string[],
  options: { dryRun?: boolean; json?: boolean },
): Promise<void> {
  const settings = loadIatiSettings();
  const schemaDir = optionalSchemaDir(settings);
  const dryRun = options.dryRun === true;
  const summaries: Array<ImportSummary & { validation?: ValidationReport }> = [];
  for (const file of files) {
    const path = readableFile(file);
    const label = file.length > 30 ? `…${file.slice(-29)}` : file;
    let bar = progressBar(label);
    const principal = systemPrincipal("esca-cli");
    const reportingOrgRef = settings.reportingOrg.ref;
    const { summary, validation } = await withDatabaseOrServer<ImportResult>(
      loadConfig(),
      "import iati",
      {
        local: async (db) => {
          if (!dryRun)
            return {
              summary: await importIatiFile({
                db,
                path,
                principal,
                reportingOrgRef,
                onProgress: bar.update,
              }),
              validation: null,
            };
          // One bar per pass over the file: the validation, then the import rolled back.
          let phases = 0;
          return dryRunIatiFile({
            db,
            path,
            principal,
            reportingOrgRef,
            schemaDir,
            onPhase: (phase) => {
              if (phases++ > 0) bar.finish(0);
              bar = progressBar(`${label} (${phase})`);
            },
            onProgress: (_phase, bytesRead, totalBytes) => bar.update(bytesRead, totalBytes),
          });
        },
        remote: (client) => {
          const token = process.env.ESCA_API_TOKEN;
          if (!token) {
            throw new AppError(
              "data_dir_in_use",
              `The server at ${client.url} holds the data folder: stop it, or set ESCA_API_TOKEN to an API token with the iati:import scope to upload through it.`,
            );
          }
          return uploadThroughServer(client.url, path, dryRun, token);
        },
      },
    );
    bar.finish(0);
    // A dry run also checks the official schema, so its report is the whole verdict.
    const shown = dryRun && schemaDir && validation ? validation : undefined;
    summaries.push({ ...summary, ...(shown && { validation: shown }) });
    if (options.json) continue;
    if (shown) process.stdout.write(renderReport(file, shown));
    process.stdout.write(renderSummary(file, summary));
  }
  if (options.json) process.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
}

export function renderSummary(file: string, s: ImportSummary): string {
  const problems = s.problems.flatMap((a) =>
    a.problems.map(
      (p) =>
        `  ${file}:${p.line}: [${p.kind}] ${p.message} (activity ${a.identifier ?? `at line ${a.line}`})`,
    ),
  );
  const byKind = new Map<string, number>();
  for (const p of s.problems.flatMap((a) => a.problems))
    byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
  const shown = problems.slice(0, 10);
  if (s.problemCount > shown.length)
    shown.push(
      `  … ${s.problemCount} problems in all (${[...byKind].map(([kind, n]) => `${n} ${kind}`).join(", ")}); --json lists them`,
    );
  const head =
    s.status === "unchanged"
      ? `${file}: unchanged — this file is already ${s.publisher}'s imported publication (${s.activities} activities).`
      : `${file}: ${s.status === "dry_run" ? "dry run, nothing written — would import" : "imported"} ${s.activities} activities of ${s.publisher} (IATI ${s.version}): ${s.transactions} transactions, ${s.budgets} budgets, ${s.linked} linked to initiatives, ${s.skipped} skipped, ${s.missingRates} values without a rate; ledger: ${s.flowsRecorded} recorded, ${s.flowsReversed} reversed.`;
  return `${[head, ...shown].join("\n")}\n`;
}
