import { parse } from "csv-parse/sync";
import { z } from "zod";
import { countryCodeSchema } from "../../contracts/common.ts";
import { type ObservationSex, observationSexes } from "../../contracts/indicators.ts";
import { AppError } from "../../platform/errors.ts";
import type { ObservationCsvProblem } from "./indicators.schema.ts";
import { indicatorValueSchema, yearSchema } from "./indicators.schema.ts";

export const OBSERVATION_COLUMNS = [
  "indicator",
  "country",
  "year",
  "sex",
  "value",
  "source",
  "notes",
] as const;
const REQUIRED = ["indicator", "country", "year", "value", "source"] as const;
/** Largest CSV accepted: decades of values for every country and many indicators. */
export const MAX_OBSERVATIONS_CSV_BYTES = 10 * 1024 * 1024;

const rowSchema = z.object({
  indicator: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,63}$/, "must be an indicator code such as homicide_rate"),
  country: countryCodeSchema,
  year: z.coerce.number({ error: "must be a year such as 2012" }).pipe(yearSchema),
  sex: z.enum(observationSexes, { error: "must be total, female or male" }).default("total"),
  value: indicatorValueSchema,
  source: z.string().trim().min(1, "is required").max(1000),
  notes: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => v || null),
});

export interface ObservationCsvRow {
  line: number;
  indicator: string;
  country: string;
  year: number;
  sex: ObservationSex;
  value: string;
  source: string;
  notes: string | null;
}

export interface ObservationsCsv {
  /** How many data rows the file has (valid or not). */
  rows: number;
  valid: ObservationCsvRow[];
  /** Every problem of every row (and of the file), in line order. */
  problems: ObservationCsvProblem[];
}

/**
 * Reads an observations CSV, the same shape GET /indicators/{id}/observations.csv writes:
 *
 *   indicator,country,year,sex,value,source,notes
 *   homicide_rate,HN,2012,total,84.3,"UNODC (2025 release)",
 *
 * `sex` and `notes` may be left out. Every row is checked and every problem kept, naming its
 * line (the header is line 1), its column and a stable code (observation_<column>, or
 * observation_required for an empty cell); nothing is read from the database here.
 */
export function readObservationsCsv(csv: string): ObservationsCsv {
  if (Buffer.byteLength(csv) > MAX_OBSERVATIONS_CSV_BYTES) {
    throw new AppError(
      "payload_too_large",
      `The CSV is larger than ${MAX_OBSERVATIONS_CSV_BYTES / 1024 / 1024} MB.`,
    );
  }
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ""), { skip_empty_lines: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return fileProblem(line, "observation_csv", `not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) {
    return fileProblem(
      1,
      "observation_empty",
      `the CSV is empty; expected the header ${OBSERVATION_COLUMNS.join(",")}`,
    );
  }
  const columns = header.map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    return {
      rows: body.length,
      valid: [],
      problems: missing.map((column) => ({
        line: 1,
        column,
        code: "observation_header",
        message: `the header lacks the column ${column}`,
        values: { column },
      })),
    };
  }
  const valid: ObservationCsvRow[] = [];
  const problems: ObservationCsvProblem[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, index) => {
    const line = index + 2;
    const record: Record<string, string | undefined> = {};
    for (const name of OBSERVATION_COLUMNS) {
      const at = columns.indexOf(name);
      const cell = at === -1 ? undefined : cells[at];
      if (
        cell !== undefined &&
        (cell !== "" || REQUIRED.includes(name as (typeof REQUIRED)[number]))
      )
        record[name] = cell;
    }
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      const named = new Set<string>();
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? "");
        if (named.has(column)) continue;
        named.add(column);
        const cell = record[column];
        problems.push({
          line,
          column: column || null,
          code:
            cell === undefined || cell === "" ? "observation_required" : `observation_${column}`,
          message: cell === undefined || cell === "" ? "is required" : issue.message,
          values: { value: cell ?? "" },
        });
      }
      return;
    }
    const row = parsed.data;
    const key = [row.indicator, row.country, row.year, row.sex, row.source].join("\u0000");
    const previous = seen.get(key);
    if (previous) {
      problems.push({
        line,
        column: "year",
        code: "observation_duplicate",
        message: `${row.indicator} ${row.country} ${row.year} (${row.sex}) from this source is already on line ${previous}`,
        values: { previous },
      });
      return;
    }
    seen.set(key, line);
    valid.push({ line, ...row });
  });
  return { rows: body.length, valid, problems };
}

function fileProblem(line: number, code: string, message: string): ObservationsCsv {
  return { rows: 0, valid: [], problems: [{ line, column: null, code, message, values: {} }] };
}

/** A cell of an exported CSV; text a spreadsheet would run as a formula is prefixed with '. */
export function csvCell(value: string | number | null): string {
  const raw = value === null ? "" : String(value);
  const text = typeof value === "string" && /^[=+@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
