import { columnLabel, type WorkbookLanguage } from "../../contracts/workbook-labels.ts";
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
import { headerKey, headerNames, sheetNames, valueOfLabel } from "./workbook-values.ts";
import { readZipDirectory } from "./zip-directory.ts";

const labels = (columns: readonly string[], lang: WorkbookLanguage) =>
  columns.map((column) => columnLabel(column, lang)).join(", ");

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
 * clear message naming the part, sheet, row or cell. Sheets and headers are found by their
 * Spanish or English names (or the column keys of earlier downloads), and closed lists'
 * labels in either language read as their values, whatever the uploader's language.
 */
export async function readWorkbook(
  buffer: Buffer,
  limits: WorkbookLimits = workbookLimits,
): Promise<UploadedWorkbook> {
  const entries = readZipDirectory(buffer, limits);
  const parts = await readWorkbookParts({ zip: buffer, entries, limits });
  const sheetOf = (sheet: "initiatives" | "flows") => {
    const names = sheetNames(sheet);
    return [...parts.sheets.keys()].find((name) => names.includes(headerKey(name)));
  };
  const initiativesSheet = sheetOf("initiatives");
  const flowsSheet = sheetOf("flows");
  if (!initiativesSheet && !flowsSheet)
    throw new AppError(
      "validation_failed",
      'The workbook has neither an "Initiatives" ("Iniciativas") nor a "Support flows" ("Flujos de apoyo") sheet; download one from ESCA Hub to start from.',
      { reason: "workbook_sheets_missing" },
    );
  const readSheet = async <C extends readonly string[]>(name: string | undefined, columns: C) => {
    const rows: Array<SheetRow<Record<C[number], string>>> = [];
    const entry = name === undefined ? undefined : parts.sheets.get(name);
    if (!entry || name === undefined) return rows;
    let header: Map<string, number> | null = null;
    const checkHeader = (cells: Map<number, string>) => {
      const found = new Map<string, number>();
      // A name written twice counts where it first is.
      for (const [column, text] of [...cells].reverse()) found.set(headerKey(text), column);
      header = new Map();
      for (const column of columns) {
        const at = headerNames(column)
          .map((n) => found.get(n))
          .filter((c) => c !== undefined)
          .sort((a, b) => a - b)[0];
        if (at !== undefined) header.set(column, at);
      }
      const missing = columns.filter((column) => !header?.has(column));
      if (missing.length > 0)
        throw new AppError(
          "validation_failed",
          `Sheet "${name}", row 1: the column(s) ${labels(missing, "en")} are missing; download a fresh workbook.`,
          {
            reason: "workbook_columns_missing",
            values: {
              sheet: name,
              columns_es: labels(missing, "es"),
              columns_en: labels(missing, "en"),
            },
          },
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
          columns.map((column) => {
            const cell = cells.get(at.get(column) ?? 0) ?? "";
            const labelled =
              column === "flow_type" || column === "support_kind" || column === "status";
            return [column, labelled ? valueOfLabel(column, cell) : cell];
          }),
        ) as Record<C[number], string>;
        if (Object.values(values).some((v) => v !== "")) rows.push({ row, values });
      },
    });
    if (!header) checkHeader(new Map());
    return rows;
  };
  return {
    initiatives: await readSheet(initiativesSheet, initiativeColumns),
    flows: await readSheet(flowsSheet, flowColumns),
  };
}
