import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError } from "../../platform/errors.ts";
import type { Principal } from "../accounts/index.ts";
import { canReportObservation } from "./indicators.policy.ts";
import { indicatorIdsByCode, upsertObservationRow } from "./indicators.queries.ts";
import type { ObservationCsvProblem, ObservationImportResult } from "./indicators.schema.ts";
import { type ObservationCsvRow, readObservationsCsv } from "./read-observations-csv.ts";

/**
 * Checks an observations CSV against the database and the principal: each row's indicator
 * must exist and its country be one the principal reports for. Nothing is written.
 */
async function checkObservationsCsv(
  db: Kysely<Database>,
  csv: string,
  principal: Principal,
): Promise<{
  rows: number;
  valid: ObservationCsvRow[];
  problems: ObservationCsvProblem[];
  ids: Map<string, string>;
}> {
  const read = readObservationsCsv(csv);
  const ids = await indicatorIdsByCode(db, [...new Set(read.valid.map((r) => r.indicator))]);
  const problems = [...read.problems];
  const valid: ObservationCsvRow[] = [];
  for (const row of read.valid) {
    if (!ids.has(row.indicator)) {
      problems.push({
        line: row.line,
        column: "indicator",
        code: "observation_unknown_indicator",
        message: `no indicator ${row.indicator}`,
        values: { value: row.indicator },
      });
      continue;
    }
    const decision = canReportObservation(principal, row.country);
    if (!decision.allowed) {
      problems.push({
        line: row.line,
        column: "country",
        code: "observation_country_refused",
        message: decision.reason,
        values: { value: row.country },
      });
      continue;
    }
    valid.push(row);
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows: read.rows, valid, problems, ids };
}

const emptyCounts = { imported: 0, created: 0, updated: 0, unchanged: 0, skipped: 0 };

/** What the CSV would do: every problem by line and column; nothing written. */
export async function previewObservationsCsv(options: {
  db: Kysely<Database>;
  csv: string;
  principal: Principal;
}): Promise<ObservationImportResult> {
  const checked = await checkObservationsCsv(options.db, options.csv, options.principal);
  return summary(checked, emptyCounts);
}

/**
 * Imports an observations CSV in one transaction. A file with any problem imports nothing,
 * unless `skipInvalid` is given: then the valid rows are written and the others counted as
 * skipped, each still named with its line and column. A file with no valid row writes nothing.
 */
export async function importObservationsCsv(options: {
  db: Kysely<Database>;
  csv: string;
  principal: Principal;
  skipInvalid?: boolean;
}): Promise<ObservationImportResult> {
  return inTransaction(options.db, async (trx) => {
    const checked = await checkObservationsCsv(trx, options.csv, options.principal);
    const invalidLines = new Set(checked.problems.map((p) => p.line));
    if (checked.problems.length > 0 && !options.skipInvalid) return summary(checked, emptyCounts);
    const counts = { ...emptyCounts, skipped: invalidLines.size };
    for (const row of checked.valid) {
      const indicatorId = checked.ids.get(row.indicator) as string;
      const { created, changed } = await upsertObservationRow(trx, {
        indicator_id: indicatorId,
        country_iso2: row.country,
        year: row.year,
        sex: row.sex,
        value: row.value,
        source: row.source,
        notes: row.notes,
      });
      counts.imported += 1;
      if (created) counts.created += 1;
      else if (changed) counts.updated += 1;
      else counts.unchanged += 1;
    }
    return summary(checked, counts);
  });
}

function summary(
  checked: { rows: number; valid: ObservationCsvRow[]; problems: ObservationCsvProblem[] },
  counts: typeof emptyCounts,
): ObservationImportResult {
  return {
    rows: checked.rows,
    valid: checked.valid.length,
    invalid_lines: [...new Set(checked.problems.map((p) => p.line))],
    problems: checked.problems,
    ...counts,
  };
}

/**
 * A refused file as the API's one error shape: each problem a detail named `line 3.value`,
 * the whole report (rows, valid, problems) in `context.report` for a client's preview.
 */
export function observationsRefusal(result: ObservationImportResult): AppError {
  const details = result.problems.slice(0, 100).map((p) => ({
    path: p.column ? `line ${p.line}.${p.column}` : `line ${p.line}`,
    message: p.message,
    rule: { code: p.code, line: p.line, value: String(p.values.value ?? "") },
  }));
  const first = details[0];
  const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : "";
  return new AppError(
    "validation_failed",
    `${first?.path ?? "line 1"}: ${first?.message ?? "no row to import"}${more}; nothing was imported.`,
    { details, context: { report: result } },
  );
}
