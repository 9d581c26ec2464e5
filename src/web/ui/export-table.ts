// The downloads' content, free of the DOM, so that the server's tests can write and re-add it.
/** A cell as exported: decimal strings stay exact in CSV; XLSX turns them into numbers. */
export type ExportCell = string | number | null;
/** amount: a decimal string shown with two decimals; number: years, counts, rates. */
export type ColumnKind = "text" | "amount" | "number";

export interface ExportTable {
  fileName: string;
  sheetName: string;
  headers: string[];
  rows: ExportCell[][];
  kinds: ColumnKind[];
}

function csvCell(value: ExportCell): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a BOM so that spreadsheet programs read the accents right. */
export function toCsv(table: ExportTable): string {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvCell).join(","));
  return `\ufeff${lines.join("\r\n")}\r\n`;
}
