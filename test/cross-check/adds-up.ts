import ExcelJS from "exceljs";
import { expect } from "vitest";
import type { RollupDimension } from "../../src/contracts/enums.ts";
import { toMinorUnits } from "../../src/contracts/money.ts";
import type { FundingMeasures, FundingSummary } from "../../src/modules/funding/index.ts";
import { type ExportTable, toCsv } from "../../src/web/ui/export-table.ts";
import { writeXlsx } from "../../src/web/ui/xlsx.ts";
import type { LedgerTotals } from "./ledger-sql.ts";

/** Every grouping the API, the portal and the CLI use, and some they could. */
export const GROUPINGS: RollupDimension[][] = [
  [],
  ["component"],
  ["country"],
  ["partner"],
  ["year"],
  ["initiative"],
  ["component", "country"],
  ["partner", "initiative"],
  ["partner", "year"],
  ["finance_type"],
  ["component", "finance_type"],
  ["partner", "finance_type"],
];

/** The measures a total is the sum of its rows of (coverage, a ratio, is not). */
export const SUMMED = [
  "budget",
  "offered",
  "announced",
  "committed",
  "committed_not_allocated",
  "disbursed",
  "gap",
  "announced_not_committed",
] as const satisfies readonly (keyof FundingMeasures)[];
type Summed = (typeof SUMMED)[number];

const cents = (value: string | null) => (value === null ? null : toMinorUnits(value, "USD"));

/**
 * Total = the groups' rows + the named remainder rows, to the cent, for every summed measure;
 * a measure the total does not have (null) no row has either. Remainder rows are named and
 * carry no budget and no gap.
 */
export function expectAddsUp(summary: FundingSummary, label: string) {
  for (const measure of SUMMED) {
    const total = cents(summary.total[measure]);
    const values = summary.rows.map((row) => cents(row[measure]));
    if (total === null) {
      expect(
        values.every((v) => v === null),
        `${label}: ${measure} is null in every row`,
      ).toBe(true);
      continue;
    }
    const sum = values.reduce<bigint>((s, v) => s + (v ?? 0n), 0n);
    expect(sum, `${label}: ${measure} = rows + remainders`).toBe(total);
  }
  for (const row of summary.rows) {
    expect([null, "not_allocated_to_initiative", "not_allocated_to_component"], label).toContain(
      row.remainder,
    );
    // Support announced to no component is named so only where rows are components.
    if (row.remainder === "not_allocated_to_component")
      expect([row.key.component, summary.by.includes("component")], label).toEqual([null, true]);
    if (row.remainder) expect([row.budget, row.gap], `${label}: remainder`).toEqual([null, null]);
  }
}

/** The roll-up's total against the one worked out in plain SQL over the ledger. */
export function expectLedgerTotals(total: FundingMeasures, ledger: LedgerTotals, label: string) {
  for (const measure of SUMMED) {
    const value = cents(total[measure]);
    if (value !== null)
      expect(value, `${label}: ${measure} against the ledger`).toBe(ledger[measure]);
  }
}

/** A roll-up as the portal's table downloads hold it: label, measures; the total last. */
export function summaryTable(summary: FundingSummary, measures: readonly Summed[]): ExportTable {
  const label = (row: FundingSummary["rows"][number]) =>
    `${row.remainder ?? "group"} ${JSON.stringify(row.key)}`;
  return {
    fileName: "cross-check",
    sheetName: "cross-check",
    headers: ["row", ...measures],
    rows: [
      ...summary.rows.map((row) => [label(row), ...measures.map((m) => row[m])]),
      ["Total", ...measures.map((m) => summary.total[m])],
    ],
    kinds: ["text", ...measures.map(() => "amount" as const)],
  };
}

/** Parses RFC 4180 CSV (quoted cells with commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\ufeff/, "");
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && body[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/**
 * Re-adds a downloaded table: for every amount column, the rows above the last (the total)
 * add up to it, to the cent. `toCents` reads one cell; null for an empty one.
 */
export function expectFileAddsUp(
  body: Array<Array<string | number | null>>,
  amountColumns: number[],
  toCents: (cell: string | number | null) => bigint | null,
  label: string,
) {
  const total = body.at(-1) ?? [];
  for (const column of amountColumns) {
    const expected = toCents(total[column] ?? null);
    const sum = body
      .slice(0, -1)
      .reduce<bigint>((s, row) => s + (toCents(row[column] ?? null) ?? 0n), 0n);
    if (expected === null) continue;
    expect(sum, `${label}: column ${column}`).toBe(expected);
  }
}

export const csvCents = (cell: string | number | null) =>
  cell === null || cell === "" ? null : toMinorUnits(String(cell), "USD");
/** An XLSX amount is a binary number; to the cent it is exact up to 15 significant digits. */
export const xlsxCents = (cell: string | number | null) =>
  cell === null || cell === "" ? null : BigInt(Math.round(Number(cell) * 100));

/** The CSV and XLSX files of a roll-up table, each re-added. */
export async function expectDownloadsAddUp(summary: FundingSummary, label: string) {
  const measures = SUMMED.filter((m) => summary.total[m] !== null);
  const table = summaryTable(summary, measures);
  const columns = measures.map((_, i) => i + 1);
  const csv = parseCsv(toCsv(table));
  expect(csv[0], `${label}: CSV header`).toEqual(table.headers);
  expect(csv.length, `${label}: CSV rows`).toBe(summary.rows.length + 2);
  expectFileAddsUp(csv.slice(1), columns, csvCents, `${label} CSV`);
  // The CSV says the API's decimals, digit for digit.
  expect(csv.at(-1)?.slice(1), `${label}: CSV total`).toEqual(
    measures.map((m) => summary.total[m]),
  );

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await (await writeXlsx(table)).arrayBuffer());
  const sheet = workbook.worksheets[0];
  const cells: Array<Array<string | number | null>> = [];
  sheet?.eachRow((row, number) => {
    if (number === 1) return;
    cells.push(
      table.headers.map((_, i) => {
        const value = row.getCell(i + 1).value;
        return typeof value === "number" || typeof value === "string" ? value : null;
      }),
    );
  });
  expect(cells.length, `${label}: XLSX rows`).toBe(summary.rows.length + 1);
  expectFileAddsUp(cells, columns, xlsxCents, `${label} XLSX`);
}

/**
 * Re-adds `esca summary`'s table: columns are split on runs of two spaces or more, amounts
 * are grouped with commas, "—" is no value; the "Total" line is the sum of the lines above.
 */
export function expectCliTableAddsUp(text: string, dimensions: number, label: string) {
  const lines = text.trimEnd().split("\n");
  const [, header = "", , ...body] = lines;
  const headings = header.trim().split(/\s{2,}/);
  const cells = body.map((line) => line.trim().split(/\s{2,}/));
  expect(cells.at(-1)?.[0], `${label}: the last line is the total`).toBe("Total");
  const amountColumns = headings
    .map((heading, i) => (i >= dimensions && heading !== "coverage" ? i : -1))
    .filter((i) => i >= 0);
  // The total line has empty cells for the dimensions after the first, which the split drops.
  const aligned = cells.map((row) =>
    row[0] === "Total" ? ["Total", ...Array(dimensions - 1).fill(""), ...row.slice(1)] : row,
  );
  for (const row of aligned)
    expect(row.length, `${label}: ${row.join(" | ")}`).toBe(headings.length);
  expectFileAddsUp(
    aligned,
    amountColumns,
    (cell) =>
      cell === null || cell === "—" ? null : toMinorUnits(String(cell).replaceAll(",", ""), "USD"),
    `${label} CLI`,
  );
  return { headings, rows: aligned };
}
