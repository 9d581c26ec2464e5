import { parse } from "csv-parse/sync";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError, type ErrorDetail } from "../../platform/errors.ts";
import { type ExchangeRateInput, exchangeRateInputSchema } from "./exchange-rates.schema.ts";
import { type UpsertResult, upsertExchangeRates } from "./upsert-exchange-rates.ts";

const REQUIRED = ["currency", "date", "usd_per_unit", "source"] as const;
/** Optional: what each rate is (daily when the column is left out or a cell is empty). */
const OPTIONAL = ["basis"] as const;
/** Largest CSV accepted: ample for decades of daily rates in every currency. */
export const MAX_RATES_CSV_BYTES = 20 * 1024 * 1024;

/**
 * Imports rates from CSV with the header `currency,date,usd_per_unit,source` and, optionally,
 * `basis` (daily, monthly_average, annual_average or peg; daily when left out):
 *
 *   currency,date,usd_per_unit,basis,source
 *   EUR,2011-06-01,1.438840909,monthly_average,"ECB reference rates, mean of June 2011"
 *   GTQ,2011-01-01,0.1284452495,annual_average,"World Bank WDI, annual average 2011"
 *
 * Every row is checked first; one bad row refuses the whole file, naming the line and the
 * column, and nothing is written.
 */
export async function importRatesCsv(options: {
  db: Kysely<Database>;
  csv: string;
}): Promise<UpsertResult> {
  if (Buffer.byteLength(options.csv) > MAX_RATES_CSV_BYTES) {
    throw new AppError(
      "payload_too_large",
      `The CSV is larger than ${MAX_RATES_CSV_BYTES / 1024 / 1024} MB.`,
    );
  }
  let records: string[][];
  try {
    records = parse(options.csv.replace(/^\uFEFF/, ""), {
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new AppError(
      "validation_failed",
      `The file is not valid CSV${line ? ` (line ${line})` : ""}: ${(error as Error).message}`,
      {
        details: [{ path: line ? `line ${line}` : "", message: "not valid CSV" }],
      },
    );
  }
  const [header, ...rows] = records;
  if (!header)
    throw new AppError(
      "validation_failed",
      "The CSV is empty; expected the header currency,date,usd_per_unit,source.",
    );
  const columns = header.map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    throw new AppError(
      "validation_failed",
      `Line 1: the header lacks the column(s) ${missing.join(", ")}.`,
      {
        details: missing.map((name) => ({
          path: `line 1.${name}`,
          message: "column missing from the header",
        })),
      },
    );
  }
  const rates: ExchangeRateInput[] = [];
  const errors: ErrorDetail[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const line = index + 2;
    const record: Record<string, string | undefined> = Object.fromEntries(
      REQUIRED.map((name) => [name, row[columns.indexOf(name)]]),
    );
    for (const name of OPTIONAL) {
      const cell = columns.includes(name) ? row[columns.indexOf(name)] : undefined;
      if (cell) record[name] = cell;
    }
    const parsed = exchangeRateInputSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({ path: `line ${line}.${issue.path.join(".")}`, message: issue.message });
      return;
    }
    const key = `${parsed.data.currency} ${parsed.data.date}`;
    const previous = seen.get(key);
    if (previous)
      errors.push({ path: `line ${line}`, message: `${key} is already given on line ${previous}` });
    seen.set(key, line);
    rates.push(parsed.data);
  });
  const first = errors[0];
  if (first) {
    throw new AppError(
      "validation_failed",
      `${first.path}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}; nothing was imported.`,
      {
        details: errors.slice(0, 100),
      },
    );
  }
  return upsertExchangeRates({ db: options.db, rates });
}
