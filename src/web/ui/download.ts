import { type ExportTable, toCsv } from "./export-table.ts";

export type { ColumnKind, ExportCell, ExportTable } from "./export-table.ts";
export { toCsv } from "./export-table.ts";

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
