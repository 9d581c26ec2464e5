import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import type { RateCsvProblem } from "./exchange-rates.schema.ts";
import { readRatesCsv } from "./read-rates-csv.ts";
import { type UpsertResult, upsertExchangeRates } from "./upsert-exchange-rates.ts";

/**
 * Imports a rates CSV (readRatesCsv's format) in one transaction, all rows or none: one bad
 * row refuses the whole file, each problem a detail naming its line and column
 * (`line 3.date`) with its rule for a client's wording, and nothing is written.
 */
export async function importRatesCsv(options: {
  db: Kysely<Database>;
  csv: string;
}): Promise<UpsertResult> {
  const { rows, problems } = readRatesCsv(options.csv);
  if (problems.length > 0) throw refusal(problems);
  return upsertExchangeRates({ db: options.db, rates: rows.map(({ line: _, ...rate }) => rate) });
}

function refusal(problems: RateCsvProblem[]): AppError {
  const details = problems.slice(0, 100).map((p) => ({
    path: p.column ? `line ${p.line}.${p.column}` : `line ${p.line}`,
    message: p.message,
    rule: { code: p.code, line: p.line, ...p.values },
  }));
  const header = problems.filter((p) => p.code === "rate_header");
  const first = details[0];
  const message = header.length
    ? `line 1: the header lacks the column(s) ${header.map((p) => p.column).join(", ")}; nothing was imported.`
    : `${first?.path}: ${first?.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}; nothing was imported.`;
  return new AppError("validation_failed", message, { details });
}
