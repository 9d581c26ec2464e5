import ExcelJS from "exceljs";
import { AppError } from "../../platform/errors.ts";
import {
  type FlowSheetRow,
  flowColumns,
  type InitiativeSheetRow,
  initiativeColumns,
} from "./workbook.queries.ts";

export interface SheetRow<T> {
  /** The row's number in the sheet, as a spreadsheet shows it. */
  row: number;
  values: T;
}

export interface UploadedWorkbook {
  initiatives: Array<SheetRow<InitiativeSheetRow>>;
  flows: Array<SheetRow<FlowSheetRow>>;
}

/** A cell as text: numbers without float noise where possible, dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((part) => part.text)
        .join("")
        .trim();
    if ("text" in value) return String(value.text).trim();
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  }
  return String(value).trim();
}

function readSheet<C extends readonly string[]>(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: C,
) {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) return [];
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  const missing = columns.filter((column) => !header.includes(column));
  if (missing.length > 0)
    throw new AppError(
      "validation_failed",
      `Sheet "${name}", row 1: the column(s) ${missing.join(", ")} are missing; download a fresh workbook.`,
    );
  const rows: Array<SheetRow<Record<C[number], string>>> = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values = Object.fromEntries(
      columns.map((column) => [column, cellText(row.getCell(header.indexOf(column) + 1).value)]),
    ) as Record<C[number], string>;
    if (Object.values(values).some((v) => v !== "")) rows.push({ row: number, values });
  });
  return rows;
}

/** Reads an uploaded XLSX; a file that is not one is refused with a clear message. */
export async function readWorkbook(buffer: Buffer): Promise<UploadedWorkbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError(
      "validation_failed",
      `The file is not an XLSX workbook (${(error as Error).message}).`,
    );
  }
  if (!workbook.getWorksheet("initiatives") && !workbook.getWorksheet("flows"))
    throw new AppError(
      "validation_failed",
      'The workbook has neither an "initiatives" nor a "flows" sheet; download one from ESCA Hub to start from.',
    );
  return {
    initiatives: readSheet(workbook, "initiatives", initiativeColumns),
    flows: readSheet(workbook, "flows", flowColumns),
  };
}
