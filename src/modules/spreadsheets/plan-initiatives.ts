import type { Principal } from "../accounts/index.ts";
import { createInitiativeSchema, updateInitiativeSchema } from "../initiatives/index.ts";
import {
  differences,
  given,
  issueProblems,
  orNull,
  type PlanRow,
  type RowProblem,
  refused,
} from "./plan.ts";
import type { SheetRow } from "./read-workbook.ts";
import { canWriteWorkbookRow, type WorkbookWrite } from "./spreadsheets.policy.ts";
import { type InitiativeSheetRow, initiativeColumns } from "./workbook.queries.ts";

const editable = initiativeColumns.filter((c) => c !== "status" && c !== "version" && c !== "code");
const requestFields: Record<string, string> = {
  "title.es": "title_es",
  "title.en": "title_en",
  "summary.es": "summary_es",
  "summary.en": "summary_en",
  budget: "budget_amount",
  "budget.amount": "budget_amount",
  "budget.currency": "budget_currency",
};
/** An initiative input's path ("budget.amount", "sectors.1.code") → its sheet column. */
const initiativeColumnOf = (path: string) => {
  const column = requestFields[path] ?? path.split(".")[0] ?? "";
  return (initiativeColumns as readonly string[]).includes(column) ? column : "";
};

export type InitiativeFacts = NonNullable<
  Extract<WorkbookWrite, { sheet: "initiatives" }>["current"]
>;

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
  facts: Map<string, InitiativeFacts>,
  principal: Principal,
): PlanRow[] {
  const seen = new Map<string, number>();
  return rows.map(({ row, values }): PlanRow => {
    const code = values.code.toUpperCase();
    const base = { sheet: "initiatives" as const, row, key: code || `row ${row}`, changes: [] };
    const earlier = seen.get(code);
    if (earlier)
      return refused(base, [
        {
          column: "code",
          message: `${code} is already on row ${earlier}`,
          rule: { code: "workbook_duplicate_code", initiative: code, row: earlier },
        },
      ]);
    seen.set(code, row);
    const existing = current.get(code);
    const mayWrite = () =>
      canWriteWorkbookRow(principal, {
        sheet: "initiatives",
        code,
        leadCountry: values.lead_country.toUpperCase(),
        current: facts.get(code),
      });
    if (!existing) {
      const parsed = createInitiativeSchema.safeParse({ code, ...fieldsOf(values, editable) });
      const problems = [
        ...mayWrite(),
        ...(parsed.success ? [] : issueProblems(parsed.error.issues, initiativeColumnOf)),
      ];
      if (problems.length > 0 || !parsed.success) return refused(base, problems);
      return { ...base, action: "added", errors: [], problems: [], input: parsed.data };
    }
    const changes = differences(existing, { ...values, code }, editable);
    const problems: RowProblem[] = [];
    if (values.status && values.status !== existing.status)
      problems.push({
        column: "status",
        message: `changes only through the initiative's transitions (it is ${existing.status})`,
        rule: { code: "workbook_status_read_only", status: existing.status },
      });
    if (values.version && values.version !== existing.version)
      problems.push({
        column: "version",
        message: `${code} was changed in ESCA Hub after this sheet was downloaded (now version ${existing.version}, the sheet has ${values.version}); download it again`,
        rule: {
          code: "workbook_stale_version",
          initiative: code,
          version: existing.version,
          sheet_version: values.version,
        },
      });
    if (problems.length > 0) return refused(base, problems);
    if (changes.length === 0) return { ...base, action: "unchanged", errors: [], problems: [] };
    const changed = changes.map((c) => c.field);
    const budgetColumns =
      changed.includes("budget_amount") || changed.includes("budget_currency")
        ? ["budget_amount", "budget_currency"]
        : [];
    const parsed = updateInitiativeSchema.safeParse({
      version: Number(existing.version),
      ...fieldsOf(values, [...changed, ...budgetColumns]),
    });
    problems.push(
      ...mayWrite(),
      ...(parsed.success ? [] : issueProblems(parsed.error.issues, initiativeColumnOf)),
    );
    if (problems.length > 0 || !parsed.success) return { ...refused(base, problems), changes };
    return { ...base, action: "changed", changes, errors: [], problems: [], input: parsed.data };
  });
}
