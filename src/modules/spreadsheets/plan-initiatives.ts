import { createInitiativeSchema, updateInitiativeSchema } from "../initiatives/index.ts";
import { differences, given, issueLines, orNull, type PlanRow } from "./plan.ts";
import type { SheetRow } from "./read-workbook.ts";
import { type InitiativeSheetRow, initiativeColumns } from "./workbook.queries.ts";

const editable = initiativeColumns.filter((c) => c !== "status" && c !== "version" && c !== "code");

/** "15210:60;15130:40" → [{code: "15210", percentage: "60"}, …]. */
const sectorsOf = (text: string) =>
  text
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [code = "", percentage = ""] = entry.split(":").map((p) => p.trim());
      return { code, percentage };
    });
const countriesOf = (text: string) =>
  text
    .split(",")
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

/** The fields of an initiative as the API takes them, from the sheet's cells. */
function fieldsOf(v: InitiativeSheetRow, columns: readonly string[]) {
  const has = (column: string) => columns.includes(column);
  return {
    ...((has("title_es") || has("title_en")) && {
      title: { es: orNull(v.title_es), en: orNull(v.title_en) },
    }),
    ...((has("summary_es") || has("summary_en")) && {
      summary: { es: orNull(v.summary_es), en: orNull(v.summary_en) },
    }),
    ...(has("component") && { component: v.component }),
    ...(has("line_of_action") && { line_of_action: orNull(v.line_of_action) }),
    ...(has("lead_country") && { lead_country: v.lead_country }),
    ...(has("countries") && { countries: countriesOf(v.countries) }),
    ...(has("sectors") && { sectors: sectorsOf(v.sectors) }),
    ...((has("budget_amount") || has("budget_currency")) && {
      budget: { amount: v.budget_amount, currency: v.budget_currency },
    }),
    ...(has("budget_value_date") &&
      given(v.budget_value_date) && { budget_value_date: v.budget_value_date }),
    ...(has("start_date") && { start_date: orNull(v.start_date) }),
    ...(has("end_date") && { end_date: orNull(v.end_date) }),
  };
}

/**
 * What the initiatives sheet would change: a new code is added (checked as a creation), a
 * known code with different cells is changed (only those fields, guarded by the version the
 * sheet was downloaded at), an identical row is unchanged. Initiatives not in the sheet stay.
 */
export function planInitiatives(
  rows: Array<SheetRow<InitiativeSheetRow>>,
  current: Map<string, InitiativeSheetRow>,
): PlanRow[] {
  const seen = new Map<string, number>();
  return rows.map(({ row, values }): PlanRow => {
    const code = values.code.toUpperCase();
    const base = {
      sheet: "initiatives" as const,
      row,
      key: code || `row ${row}`,
      changes: [],
      errors: [],
    };
    const earlier = seen.get(code);
    if (earlier)
      return { ...base, action: "error", errors: [`code: ${code} is already on row ${earlier}`] };
    seen.set(code, row);
    const existing = current.get(code);
    if (!existing) {
      const parsed = createInitiativeSchema.safeParse({ code, ...fieldsOf(values, editable) });
      if (!parsed.success)
        return { ...base, action: "error", errors: issueLines(parsed.error.issues) };
      return { ...base, action: "added", input: parsed.data };
    }
    const changes = differences(existing, { ...values, code }, editable);
    const errors: string[] = [];
    if (values.status && values.status !== existing.status)
      errors.push(
        `status: changes only through the initiative's transitions (it is ${existing.status})`,
      );
    if (values.version && values.version !== existing.version)
      errors.push(
        `version: ${code} was changed in ESCA Hub after this sheet was downloaded (now version ${existing.version}, the sheet has ${values.version}); download it again`,
      );
    if (errors.length > 0) return { ...base, action: "error", errors };
    if (changes.length === 0) return { ...base, action: "unchanged" };
    const changed = changes.map((c) => c.field);
    const budgetColumns =
      changed.includes("budget_amount") || changed.includes("budget_currency")
        ? ["budget_amount", "budget_currency"]
        : [];
    const parsed = updateInitiativeSchema.safeParse({
      version: Number(existing.version),
      ...fieldsOf(values, [...changed, ...budgetColumns]),
    });
    if (!parsed.success)
      return { ...base, action: "error", changes, errors: issueLines(parsed.error.issues) };
    return { ...base, action: "changed", changes, input: parsed.data };
  });
}
