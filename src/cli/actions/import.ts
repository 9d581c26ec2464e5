import { readFileSync } from "node:fs";
import { systemPrincipal } from "../../modules/accounts/index.ts";
import { importRatesCsv } from "../../modules/exchange-rates/index.ts";
import { importObservationsCsv } from "../../modules/indicators/index.ts";
import { type ImportedResolution, importResolution } from "../../modules/mandates/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { migrateToLatest } from "../../platform/db/migrate.ts";
import { openConfiguredDatabase } from "../../platform/db/open.ts";
import { AppError } from "../../platform/errors.ts";

function readInput(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new AppError(
      "not_found",
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`,
    );
  }
}

/** `esca import resolution FILE [--replace]`. */
export async function importResolutionFile(
  file: string,
  flags: { replace?: boolean },
): Promise<void> {
  const text = readInput(file);
  const database = await openConfiguredDatabase(loadConfig(), "import resolution");
  let result: ImportedResolution;
  try {
    await migrateToLatest(database.db);
    result = await importResolution({
      db: database.db,
      file: text,
      replace: flags.replace === true,
    });
  } finally {
    await database.close();
  }
  process.stdout.write(`${importReport(result, file)}\n`);
}

/** `esca import rates FILE`. */
export async function importRates(file: string): Promise<void> {
  const csv = readInput(file);
  // Writing through the API needs a signed-in secretariat user; here the operator opens
  // the database itself, which a running server's lock refuses (naming the server).
  const database = await openConfiguredDatabase(loadConfig(), "import rates");
  let result: { imported: number; created: number; updated: number };
  try {
    await migrateToLatest(database.db);
    result = await importRatesCsv({ db: database.db, csv });
  } finally {
    await database.close();
  }
  process.stdout.write(
    `Imported ${result.imported} rates from ${file}: ${result.created} new, ${result.updated} corrected.\n`,
  );
}

/** `esca import indicators FILE [--skip-invalid]`. */
export async function importIndicators(
  file: string,
  options: { skipInvalid?: boolean },
): Promise<void> {
  const csv = readInput(file);
  const database = await openConfiguredDatabase(loadConfig(), "import indicators");
  let result: Awaited<ReturnType<typeof importObservationsCsv>>;
  try {
    await migrateToLatest(database.db);
    result = await importObservationsCsv({
      db: database.db,
      csv,
      principal: systemPrincipal("esca import indicators"),
      skipInvalid: options.skipInvalid === true,
    });
  } finally {
    await database.close();
  }
  for (const p of result.problems) {
    process.stderr.write(`${file}:${p.line}${p.column ? ` ${p.column}` : ""}: ${p.message}\n`);
  }
  if (result.problems.length > 0 && result.imported === 0) {
    throw new AppError(
      "validation_failed",
      `Imported nothing from ${file}: ${result.invalid_lines.length} row(s) with problems (use --skip-invalid to import the ${result.valid} valid row(s)).`,
    );
  }
  process.stdout.write(
    `Imported ${result.imported} values from ${file}: ${result.created} new, ${result.updated} corrected, ${result.unchanged} unchanged, ${result.skipped} row(s) skipped.\n`,
  );
}

/** What an import of a resolution did, in one or two lines. */
function importReport(result: ImportedResolution, file: string): string {
  if (result.outcome === "unchanged")
    return `${result.symbol} is already imported with the same content as ${file}: nothing changed.`;
  if (result.outcome === "imported")
    return `Imported ${result.symbol} from ${file}: ${result.paragraphs} paragraphs, ${result.periods} reporting periods.`;
  const list = (label: string, items: (string | number)[]) =>
    items.length === 0 ? [] : [`${label} ${items.join(", ")}`];
  const paragraphs = result.changes?.paragraphs;
  const periods = result.changes?.periods;
  const changes = [
    ...list("paragraphs added:", paragraphs?.added ?? []),
    ...list("paragraphs updated:", paragraphs?.updated ?? []),
    ...list("paragraphs removed:", paragraphs?.removed ?? []),
    ...list("periods added:", periods?.added ?? []),
    ...list("periods updated:", periods?.updated ?? []),
    ...list("periods removed:", periods?.removed ?? []),
  ];
  return `Replaced ${result.symbol} from ${file}: ${changes.length ? changes.join("; ") : "only its titles or source changed"}.\nStatuses, evidence and initiative links were kept.`;
}
