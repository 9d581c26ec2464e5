import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import type { WorkbookScope } from "./spreadsheets.policy.ts";
import { flowColumns, flowRows, initiativeColumns, initiativeRows } from "./workbook.queries.ts";

const guide = [
  ["ESCA Hub: initiatives and support flows, to edit offline and upload again."],
  [
    "initiatives: change cells, or add a row with a new code. status and version are read-only (version detects edits made meanwhile).",
  ],
  [
    "flows: a row without id is a new entry; changing an amount, currency, date, partner, initiative or type records a reversal of the entry and a new one.",
  ],
  [
    "Rows left out of the sheet are kept as they are, unless you ask the upload to reverse the support flows it leaves out (initiatives are never removed). Nothing is ever deleted.",
  ],
  [
    'Amounts are text with a dot for decimals ("1500000.50"); dates are YYYY-MM-DD; countries "GT,HN"; sectors "15210:60;15130:40".',
  ],
];

/**
 * The workbook people download: a guide, then one sheet per kind of record, every cell as
 * text. It holds what the downloader may read (`scope`): outside the secretariat, what is
 * published (and unallocated support).
 */
export async function exportWorkbook(options: {
  db: Kysely<Database>;
  scope: WorkbookScope;
}): Promise<Buffer> {
  const [initiatives, flows] = await Promise.all([
    initiativeRows(options.db, options.scope.initiatives),
    flowRows(options.db, options.scope.initiatives),
  ]);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "ESCA Hub";
  const readme = workbook.addWorksheet("guide");
  for (const line of guide) readme.addRow(line);
  readme.getColumn(1).width = 140;
  const addSheet = (
    name: string,
    columns: readonly string[],
    rows: Array<Record<string, string>>,
  ) => {
    const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow([...columns]).font = { bold: true };
    for (const row of rows) sheet.addRow(columns.map((column) => row[column] ?? ""));
    // Text format keeps amounts and codes exactly as written ("0100", "1500000.50").
    columns.forEach((_, index) => {
      const column = sheet.getColumn(index + 1);
      column.numFmt = "@";
      column.width = Math.min(
        60,
        Math.max(10, ...rows.slice(0, 200).map((r) => (r[columns[index] ?? ""] ?? "").length + 2)),
      );
    });
  };
  addSheet("initiatives", initiativeColumns, initiatives);
  addSheet("flows", flowColumns, flows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
