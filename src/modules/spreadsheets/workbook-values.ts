import {
  type LabelledColumn,
  type WorkbookLanguage,
  workbookColumnLabels,
  workbookLanguages,
  workbookSheetNames,
  workbookValueLabels,
} from "../../contracts/workbook-labels.ts";

/** How a header or a label is matched: case, accents' composition and spaces aside. */
const normal = (text: string) => text.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();

/** A closed list's value as the workbook writes it in `lang` ("commitment" → "Compromiso"). */
export function labelOf(column: LabelledColumn, value: string, lang: WorkbookLanguage): string {
  const labels = workbookValueLabels[column] as Record<string, Record<WorkbookLanguage, string>>;
  return labels[value]?.[lang] ?? value;
}

const valuesByLabel = new Map(
  (Object.keys(workbookValueLabels) as LabelledColumn[]).map((column) => {
    const byLabel = new Map<string, string>();
    for (const [value, words] of Object.entries(workbookValueLabels[column])) {
      byLabel.set(normal(value), value);
      for (const lang of workbookLanguages) byLabel.set(normal(words[lang]), value);
    }
    return [column, byLabel] as const;
  }),
);

/** A cell of a closed list back to its value, from either language's label or the value itself. */
export function valueOfLabel(column: LabelledColumn, cell: string): string {
  return valuesByLabel.get(column)?.get(normal(cell)) ?? cell;
}

/** The names a column's header may have: its key (earlier downloads) and its label in each language. */
export function headerNames(column: string): string[] {
  const words = (workbookColumnLabels as Record<string, Record<WorkbookLanguage, string>>)[column];
  return [column, ...(words ? workbookLanguages.map((lang) => words[lang]) : [])].map(normal);
}

/** A header cell as matched against headerNames. */
export const headerKey = normal;

/** The names a sheet may have: its key and its name in each language. */
export function sheetNames(sheet: "initiatives" | "flows"): string[] {
  return [sheet, ...workbookLanguages.map((lang) => workbookSheetNames[sheet][lang])].map(normal);
}
