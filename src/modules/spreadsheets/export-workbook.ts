import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { memberStates } from "../../contracts/enum-values.ts";
import { financeTypeNames, financeTypes } from "../../contracts/finance-types.ts";
import { currencyMinorUnits } from "../../contracts/iso-4217.ts";
import {
  columnLabel,
  type WorkbookLanguage,
  workbookSheetNames,
} from "../../contracts/workbook-labels.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { Principal } from "../accounts/index.ts";
import { canWriteWorkbookRow, workbookScope } from "./spreadsheets.policy.ts";
import {
  flowColumns,
  flowRows,
  initiativeColumns,
  initiativeFacts,
  initiativeRows,
  listEntries,
} from "./workbook.queries.ts";
import { columnNotes, guideLines } from "./workbook-text.ts";
import { labelOf } from "./workbook-values.ts";

/** Empty rows left open below a protected sheet's data, for new entries. */
const SPARE_ROWS = 500;
const READ_ONLY = new Set(["status", "version", "id"]);

interface SheetSpec {
  name: string;
  columns: readonly string[];
  rows: Array<Record<string, string>>;
  /** Rows the downloader may not write (another organization's, an initiative not theirs). */
  locked: (index: number) => boolean;
  /** Whether new rows may be added (their cells stay open below the data). */
  mayAdd: boolean;
  /** Drop-down lists by column: a formula (a range of the lists sheet, or "a,b"). */
  lists: Record<string, string>;
}

/**
 * The workbook people download, in their language (`lang`): a guide, the two sheets to edit
 * (headers with a note each, closed lists as drop-downs in that language) and a lists sheet.
 * It holds what the downloader may read (outside the secretariat: what is published, and
 * unallocated support); rows they may not write, by the same rule that plans an upload
 * (canWriteWorkbookRow), are protected cells, as are the read-only columns then.
 */
export async function exportWorkbook(options: {
  db: Kysely<Database>;
  principal: Principal;
  lang: WorkbookLanguage;
}): Promise<Buffer> {
  const { db, principal, lang } = options;
  const scope = workbookScope(principal);
  const [initiatives, facts, flows, lists] = await Promise.all([
    initiativeRows(db, scope.initiatives),
    initiativeFacts(db, scope.initiatives),
    flowRows(db, scope.initiatives),
    listEntries(db),
  ]);
  const partnerIds = new Map(lists.organizations.map((o) => [o.code, o.id]));
  const factsOf = new Map(facts.map(({ code, ...fact }) => [code, fact]));
  const mayWriteFlow = (partner: string) =>
    canWriteWorkbookRow(principal, {
      sheet: "flows",
      reverses: { id: partnerIds.get(partner) ?? "", code: partner },
    }).length === 0;
  const mayWriteInitiative = (code: string, leadCountry: string) =>
    canWriteWorkbookRow(principal, {
      sheet: "initiatives",
      code,
      leadCountry,
      current: factsOf.get(code),
    }).length === 0;

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "ESCA Hub";
  const guide = workbook.addWorksheet(workbookSheetNames.guide[lang]);
  const partnerView = lists.organizations.some((o) => o.id === scope.partnerId);
  for (const line of guideLines) if (!line.partner || partnerView) guide.addRow([line[lang]]);
  guide.getColumn(1).width = 140;
  guide.getColumn(1).alignment = { wrapText: true };

  const listsName = workbookSheetNames.lists[lang];
  const listColumns = [
    listColumn("flow_type", flowTypeLabels(lang)),
    listColumn("support_kind", supportKindLabels(lang)),
    listColumn(
      "partner",
      lists.organizations.map((o) => o.code),
      lists.organizations.map((o) => (lang === "es" ? o.name_es : o.name_en)),
    ),
    listColumn(
      "component",
      lists.components.map((c) => c.code),
      lists.components.map((c) => (lang === "es" ? c.name_es : c.name_en)),
    ),
    listColumn(
      "finance_type",
      [...financeTypes],
      financeTypes.map((code) => financeTypeNames[code][lang]),
    ),
    listColumn("currency", [...currencyMinorUnits.keys()].sort()),
    listColumn("lead_country", [...memberStates]),
  ];
  let at = 1;
  for (const spec of listColumns) {
    spec.at = at;
    at += spec.names ? 2 : 1;
  }
  /** A list's cells in the lists sheet, as a validation's formula. */
  const range = (column: string) => {
    const spec = listColumns.find((c) => c.column === column);
    if (!spec) return "";
    const letter = columnLetter(spec.at);
    return `'${listsName}'!$${letter}$2:$${letter}$${spec.values.length + 1}`;
  };

  const lockedFlows = flows.map((flow) => !mayWriteFlow(flow.partner));
  const lockedInitiatives = initiatives.map((i) => !mayWriteInitiative(i.code, i.lead_country));
  await addSheet(workbook, lang, {
    name: workbookSheetNames.initiatives[lang],
    columns: initiativeColumns,
    rows: initiatives.map((row) => labelled(row, lang)),
    locked: (index) => lockedInitiatives[index] ?? false,
    mayAdd: memberStates.some((country) => mayWriteInitiative("", country)),
    lists: {
      component: range("component"),
      lead_country: range("lead_country"),
      budget_currency: range("currency"),
    },
  });
  await addSheet(workbook, lang, {
    name: workbookSheetNames.flows[lang],
    columns: flowColumns,
    rows: flows.map((row) => labelled(row, lang)),
    locked: (index) => lockedFlows[index] ?? false,
    mayAdd: true,
    lists: {
      flow_type: range("flow_type"),
      support_kind: range("support_kind"),
      partner: range("partner"),
      component: range("component"),
      finance_type: range("finance_type"),
      currency: range("currency"),
    },
  });

  const listSheet = workbook.addWorksheet(listsName);
  for (const spec of listColumns) {
    const header = listSheet.getCell(1, spec.at);
    header.value = columnLabel(spec.column, lang);
    header.font = { bold: true };
    spec.values.forEach((value, index) => {
      listSheet.getCell(index + 2, spec.at).value = value;
    });
    listSheet.getColumn(spec.at).width = 16;
    if (spec.names) {
      spec.names.forEach((name, index) => {
        listSheet.getCell(index + 2, spec.at + 1).value = name;
      });
      listSheet.getColumn(spec.at + 1).width = 40;
    }
  }
  listSheet.getColumn(1).numFmt = "@";
  await listSheet.protect("", { selectLockedCells: true, selectUnlockedCells: true });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

interface ListColumn {
  column: string;
  values: string[];
  names: string[] | undefined;
  at: number;
}
const listColumn = (column: string, values: string[], names?: string[]): ListColumn => ({
  column,
  values,
  names,
  at: 0,
});

const flowTypeLabels = (lang: WorkbookLanguage) =>
  ["offer", "pledge", "commitment", "disbursement"].map((v) => labelOf("flow_type", v, lang));
const supportKindLabels = (lang: WorkbookLanguage) =>
  ["financial", "technical"].map((v) => labelOf("support_kind", v, lang));

/** A row with its closed lists' values as their labels in `lang` (commitment → Compromiso). */
function labelled<T extends Record<string, string>>(row: T, lang: WorkbookLanguage) {
  const out: Record<string, string> = { ...row };
  for (const column of ["flow_type", "support_kind", "status"] as const)
    if (out[column] !== undefined) out[column] = labelOf(column, out[column], lang);
  return out;
}

/** 1 → A, 27 → AA. */
const columnLetter = (column: number): string =>
  column <= 0
    ? ""
    : columnLetter(Math.floor((column - 1) / 26)) + String.fromCharCode(65 + ((column - 1) % 26));

async function addSheet(workbook: ExcelJS.Workbook, lang: WorkbookLanguage, spec: SheetSpec) {
  const { columns, rows } = spec;
  const sheet = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
  const header = sheet.addRow(columns.map((column) => columnLabel(column, lang)));
  header.font = { bold: true };
  columns.forEach((column, index) => {
    const note = (columnNotes as Record<string, Record<WorkbookLanguage, string>>)[column];
    if (note) header.getCell(index + 1).note = note[lang];
  });
  for (const row of rows) sheet.addRow(columns.map((column) => row[column] ?? ""));
  const protect = rows.some((_, index) => spec.locked(index)) || !spec.mayAdd;
  const lastRow = rows.length + 1 + (spec.mayAdd ? SPARE_ROWS : 0);
  // ExcelJS writes a range's validation once (its types know only a cell's).
  const validations = (sheet as unknown as { dataValidations: RangeValidations }).dataValidations;
  // Text format keeps amounts and codes exactly as written ("0100", "1500000.50").
  columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.numFmt = "@";
    sheetColumn.width = Math.min(
      60,
      Math.max(
        12,
        columnLabel(column, lang).length + 4,
        ...rows.slice(0, 200).map((r) => (r[column] ?? "").length + 2),
      ),
    );
    const list = spec.lists[column];
    if (list && lastRow > 1)
      validations.add(`${columnLetter(index + 1)}2:${columnLetter(index + 1)}${lastRow}`, {
        type: "list",
        allowBlank: true,
        formulae: [list],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: columnLabel(column, lang),
        error:
          lang === "es"
            ? "Elija un valor de la lista (hoja Listas)."
            : "Choose a value from the list (Lists sheet).",
      });
  });
  if (!protect) return;
  // Writable cells are unlocked; the rest (headers, read-only columns, others' rows) stay locked.
  for (let r = 2; r <= lastRow; r++) {
    const writable = r - 2 < rows.length ? !spec.locked(r - 2) : spec.mayAdd;
    if (!writable) continue;
    const row = sheet.getRow(r);
    columns.forEach((column, index) => {
      if (!READ_ONLY.has(column)) row.getCell(index + 1).protection = { locked: false };
    });
  }
  await sheet.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    autoFilter: true,
    sort: false,
  });
}
