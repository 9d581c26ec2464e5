import { loadIatiSettings, requireSchemaDir, validateIatiFile } from "../../modules/iati/index.ts";
import { progressBar } from "../progress.ts";
import { readableFile } from "./iati-files.ts";
import { renderReport } from "./iati-report.ts";

/** `esca iati validate FILE [--no-schema] [--json]`. */
export async function validateIati(
  file: string,
  options: { schema: boolean; json?: boolean },
): Promise<void> {
  const path = readableFile(file);
  const schemaDir = options.schema ? requireSchemaDir(loadIatiSettings()) : null;
  const bar = progressBar("validating");
  const report = await validateIatiFile({ path, schemaDir, onProgress: bar.update });
  bar.finish(0);
  process.stdout.write(
    options.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(file, report),
  );
  if (!report.valid) process.exitCode = 1;
}
