import { AppError } from "../../platform/errors.ts";
import { readSheetRows } from "./sheet-rows.ts";
import {
  type FlowSheetRow,
  flowColumns,
  type InitiativeSheetRow,
  initiativeColumns,
} from "./workbook.queries.ts";
import { type WorkbookLimits, workbookLimits } from "./workbook-limits.ts";
import { readWorkbookParts } from "./workbook-parts.ts";
import { readZipDirectory } from "./zip-directory.ts";

export interface SheetRow<T> {
  /** The row's number in the sheet, as a spreadsheet shows it. */
  row: number;
  values: T;
}

export interface UploadedWorkbook {
  initiatives: Array<SheetRow<InitiativeSheetRow>>;
  flows: Array<SheetRow<FlowSheetRow>>;
}

/**
 * Reads an uploaded XLSX within `workbookLimits`: the ZIP's directory is checked before
 * anything is unpacked, then only the parts needed are streamed (the relationships, workbook,
 * styles and shared strings, and the two sheets), counting bytes, rows and columns, and the
 * reading stops at the first limit passed. A file that is not a workbook is refused with a
 * clear message naming the part, sheet, row or cell.
 */
export async function readWorkbook(
  buffer: Buffer,
  limits: WorkbookLimits = workbookLimits,
): Promise<UploadedWorkbook> {
  const entries = readZipDirectory(buffer, limits);
  const parts = await readWorkbookParts({ zip: buffer, entries, limits });
  if (!parts.sheets.has("initiatives") && !parts.sheets.has("flows"))
    throw new AppError(
      "validation_failed",
      'The workbook has neither an "initiatives" nor a "flows" sheet; download one from ESCA Hub to start from.',
    );
  const readSheet = async <C extends readonly string[]>(name: string, columns: C) => {
    const rows: Array<SheetRow<Record<C[number], string>>> = [];
    const entry = parts.sheets.get(name);
    if (!entry) return rows;
    let header: Map<string, number> | null = null;
    const checkHeader = (cells: Map<number, string>) => {
      header = new Map();
      // A name written twice counts where it first is.
      for (const [column, text] of cells) if (!header.has(text)) header.set(text, column);
      const missing = columns.filter((column) => !header?.has(column));
      if (missing.length > 0)
        throw new AppError(
          "validation_failed",
          `Sheet "${name}", row 1: the column(s) ${missing.join(", ")} are missing; download a fresh workbook.`,
        );
      return header;
    };
    await readSheetRows({
      zip: buffer,
      sheet: name,
      entry,
      parts,
      limits,
      onRow: ({ row, cells }) => {
        if (row === 1) {
          checkHeader(cells);
          return;
        }
        const at = header ?? checkHeader(new Map());
        const values = Object.fromEntries(
          columns.map((column) => [column, cells.get(at.get(column) ?? 0) ?? ""]),
        ) as Record<C[number], string>;
        if (Object.values(values).some((v) => v !== "")) rows.push({ row, values });
      },
    });
    if (!header) checkHeader(new Map());
    return rows;
  };
  return {
    initiatives: await readSheet("initiatives", initiativeColumns),
    flows: await readSheet("flows", flowColumns),
  };
}
