import { parse } from "csv-parse/sync";
import { AppError } from "../../platform/errors.ts";
import {
  type ExchangeRateInput,
  exchangeRateInputSchema,
  type RateCsvProblem,
} from "./exchange-rates.schema.ts";

const REQUIRED = ["currency", "date", "usd_per_unit", "source"] as const;
/** Optional: what each rate is (daily when the column is left out or a cell is empty). */
const OPTIONAL = ["basis"] as const;
/** Largest CSV accepted: ample for decades of daily rates in every currency. */
export const MAX_RATES_CSV_BYTES = 20 * 1024 * 1024;

export interface RateCsvRow extends ExchangeRateInput {
  line: number;
}

export interface RatesCsv {
  rows: RateCsvRow[];
  /** Every problem of every row (and of the file), in line order. */
  problems: RateCsvProblem[];
}

/**
 * The code of a cell's problem, one per column, so a client words it in its own language:
 * rate_currency, rate_date, rate_usd_per_unit, rate_basis, rate_source; an empty cell is
 * rate_required whatever the column.
 */
const problemCode = (column: string, cell: string | undefined) =>
  cell === undefined || cell === "" ? "rate_required" : `rate_${column}`;

/**
 * Reads a rates CSV with the header `currency,date,usd_per_unit,source` and, optionally,
 * `basis` (daily, monthly_average, annual_average or peg; daily when left out):
 *
 *   currency,date,usd_per_unit,basis,source
 *   EUR,2011-06-01,1.438840909,monthly_average,"ECB reference rates, mean of June 2011"
 *   GTQ,2011-01-01,0.1284452495,annual_average,"World Bank WDI, annual average 2011"
 *
 * Every row is checked and every problem kept, naming its line (the header is line 1) and
 * column; a file that is no CSV, or lacks a column, is one problem of line 1 or of its line.
 */
export function readRatesCsv(csv: string): RatesCsv {
  if (Buffer.byteLength(csv) > MAX_RATES_CSV_BYTES) {
    throw new AppError(
      "payload_too_large",
      `The CSV is larger than ${MAX_RATES_CSV_BYTES / 1024 / 1024} MB.`,
    );
  }
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ""), {
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    const message = `not valid CSV: ${(error as Error).message}`;
    return { rows: [], problems: [{ line, column: null, code: "rate_csv", message, values: {} }] };
  }
  const [header, ...body] = records;
  if (!header) {
    const message = "the CSV is empty; expected the header currency,date,usd_per_unit,source";
    return {
      rows: [],
      problems: [{ line: 1, column: null, code: "rate_empty", message, values: {} }],
    };
  }
  const columns = header.map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    return {
      rows: [],
      problems: missing.map((column) => ({
        line: 1,
        column,
        code: "rate_header",
        message: `the header lacks the column ${column}`,
        values: { column },
      })),
    };
  }
  const rows: RateCsvRow[] = [];
  const problems: RateCsvProblem[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, index) => {
    const line = index + 2;
    const record: Record<string, string | undefined> = Object.fromEntries(
      REQUIRED.map((name) => [name, cells[columns.indexOf(name)]]),
    );
    for (const name of OPTIONAL) {
      const cell = columns.includes(name) ? cells[columns.indexOf(name)] : undefined;
      if (cell) record[name] = cell;
    }
    const parsed = exchangeRateInputSchema.safeParse(record);
    if (!parsed.success) {
      const columnsNamed = new Set<string>();
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? "");
        // One problem per cell: a malformed code is not also "not ISO 4217".
        if (columnsNamed.has(column)) continue;
        columnsNamed.add(column);
        problems.push({
          line,
          column: column || null,
          code: problemCode(column, record[column]),
          message: issue.message,
          values: { value: record[column] ?? "" },
        });
      }
      return;
    }
    const key = `${parsed.data.currency} ${parsed.data.date}`;
    const previous = seen.get(key);
    if (previous) {
      problems.push({
        line,
        column: "date",
        code: "rate_duplicate",
        message: `${key} is already given on line ${previous}`,
        values: { currency: parsed.data.currency, date: parsed.data.date, previous },
      });
      return;
    }
    seen.set(key, line);
    rows.push({ line, ...parsed.data });
  });
  return { rows, problems };
}
