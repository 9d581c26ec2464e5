import ExcelJS from "exceljs";
import type { ExportTable } from "./export-table.ts";

/**
 * One worksheet with the table as shown. Amount cells hold the API's decimal value as a
 * number (at most 15 significant digits, which every ESCA amount fits) with a thousands
 * format, so a spreadsheet can sum them; text stays text.
 */
export async function writeXlsx(table: ExportTable): Promise<Blob> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "ESCA Hub";
  const sheet = workbook.addWorksheet(table.sheetName.slice(0, 31));
  sheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(
      row.map((cell, index) =>
        table.kinds[index] !== "text" && typeof cell === "string" && cell !== ""
          ? Number(cell)
          : cell,
      ),
    );
  }
  table.kinds.forEach((kind, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = kind === "text" ? 32 : 18;
    if (kind === "amount") column.numFmt = "#,##0.00";
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
}
