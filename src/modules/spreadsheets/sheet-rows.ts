import type { WorkbookLimits } from "./workbook-limits.ts";
import { workbookTooLarge, workbookUnreadable } from "./workbook-limits.ts";
import type { WorkbookParts } from "./workbook-parts.ts";
import { readXmlPart } from "./xml-part.ts";
import type { ZipEntry } from "./zip-directory.ts";

/** One row as the sheet has it: its number and the text of each cell with a value, by column (1 = A). */
export interface RawRow {
  row: number;
  cells: Map<number, string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Day 25,569 of the 1900 date system is 1970-01-01; the 1904 system starts 1,462 days later. */
const toIsoDate = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial + (date1904 ? 1462 : 0) - 25569) * DAY_MS))
    .toISOString()
    .slice(0, 10);

/** "AB12" → 28; null for a reference without letters. */
function columnOf(reference: string): number | null {
  let column = 0;
  let i = 0;
  for (; i < reference.length && i < 4; i++) {
    const code = reference.charCodeAt(i) | 0x20;
    if (code < 97 || code > 122) break;
    column = column * 26 + (code - 96);
  }
  return i === 0 ? null : column;
}
const columnName = (column: number): string =>
  column <= 0
    ? ""
    : columnName(Math.floor((column - 1) / 26)) + String.fromCharCode(65 + ((column - 1) % 26));

/** A cell's text as the sheet shows it: numbers without float noise, dates as YYYY-MM-DD. */
function cellText(
  type: string,
  raw: string,
  style: number,
  parts: WorkbookParts,
  where: () => string,
) {
  const value = raw.trim();
  switch (type) {
    case "s": {
      const text = parts.sharedStrings[Number(value)];
      if (text === undefined)
        throw workbookUnreadable({
          reason: "workbook_part_corrupt",
          message: `${where()} refers to shared text ${value}, which the workbook does not have`,
          values: { part: where() },
        });
      return text.trim();
    }
    case "b":
      return value === "1" ? "true" : value === "0" ? "false" : value;
    case "d":
      return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
    case "inlineStr":
    case "str":
    case "e":
      return value;
    default: {
      if (value === "") return "";
      const number = Number(value);
      if (!Number.isFinite(number)) return value;
      if (parts.dateStyles[style]) return toIsoDate(number, parts.date1904);
      return Number.isInteger(number) ? String(number) : String(Number(number.toPrecision(15)));
    }
  }
}

/**
 * Streams the rows of one sheet to `onRow`, as its XML is unpacked. The sheet is refused at
 * its first row past `maxRows`, and at the first cell with a value past `maxColumns`, so a
 * sheet grown to millions of rows costs one limit's worth of reading.
 */
export async function readSheetRows(options: {
  zip: Buffer;
  sheet: string;
  entry: ZipEntry;
  parts: WorkbookParts;
  limits: WorkbookLimits;
  onRow: (row: RawRow) => void;
}): Promise<void> {
  const { sheet, parts, limits } = options;
  let rows = 0;
  let current: RawRow | null = null;
  let lastRow = 0;
  let column = 0;
  let type = "";
  let style = 0;
  let reference = "";
  let text: string[] | null = null;
  let inValue = false;
  let phonetic = 0;
  const where = () => `Sheet "${sheet}", cell ${reference || columnName(column)}`;
  await readXmlPart({
    zip: options.zip,
    entry: options.entry,
    limits,
    handlers: {
      open(tag, a) {
        const name = tag.slice(tag.indexOf(":") + 1);
        if (name === "row") {
          rows++;
          const number = a.r ? Number(a.r) : lastRow + 1;
          if (rows > limits.maxRows)
            throw workbookTooLarge({
              reason: "workbook_too_many_rows",
              message: `Sheet "${sheet}" has more than ${limits.maxRows} rows (row ${number} is one too many); split it into several uploads.`,
              values: { sheet, row: number, limit: limits.maxRows },
            });
          lastRow = Number.isInteger(number) && number > 0 ? number : lastRow + 1;
          current = { row: lastRow, cells: new Map() };
          column = 0;
        } else if (name === "c") {
          reference = a.r ?? "";
          column = (reference ? columnOf(reference) : null) ?? column + 1;
          type = a.t ?? "n";
          style = Number(a.s ?? 0);
          text = [];
        } else if (name === "rPh") phonetic++;
        else if (name === "v" || (name === "t" && type === "inlineStr" && phonetic === 0))
          inValue = true;
      },
      text(value) {
        if (inValue) text?.push(value);
      },
      close(tag) {
        const name = tag.slice(tag.indexOf(":") + 1);
        if (name === "v" || name === "t") inValue = false;
        else if (name === "rPh") phonetic--;
        else if (name === "c" && text && current) {
          const value = cellText(type, text.join(""), style, parts, where);
          text = null;
          if (value === "") return;
          if (column > limits.maxColumns)
            throw workbookTooLarge({
              reason: "workbook_too_many_columns",
              message: `Sheet "${sheet}", row ${current.row}: cell ${reference || columnName(column)} is in column ${column}; at most ${limits.maxColumns} columns (up to ${columnName(limits.maxColumns)}) are read.`,
              values: { sheet, row: current.row, column, limit: limits.maxColumns },
            });
          current.cells.set(column, value);
        } else if (name === "row" && current) {
          options.onRow(current);
          current = null;
        }
      },
    },
  });
}
