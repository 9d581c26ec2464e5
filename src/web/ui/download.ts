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

export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadCsv(table: ExportTable) {
  saveBlob(new Blob([toCsv(table)], { type: "text/csv;charset=utf-8" }), `${table.fileName}.csv`);
}

/** The XLSX writer is large, so it is fetched only when someone asks for a spreadsheet. */
export async function downloadXlsx(table: ExportTable) {
  const { writeXlsx } = await import("./xlsx.ts");
  const blob = await writeXlsx(table);
  saveBlob(blob, `${table.fileName}.xlsx`);
}
