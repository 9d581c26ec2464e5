import type { Principal } from "../accounts/index.ts";
import type { RecordFlowInput } from "../funding/index.ts";
import { recordFlowSchema } from "../funding/index.ts";
import {
  differences,
  given,
  issueProblems,
  type PlanRow,
  type RowProblem,
  refused,
} from "./plan.ts";
import type { SheetRow } from "./read-workbook.ts";
import { canWriteWorkbookRow } from "./spreadsheets.policy.ts";
import { type FlowSheetRow, flowColumns } from "./workbook.queries.ts";

export interface FlowPlanInput {
  /** The standing entry a changed row replaces (reversed first). */
  replaces: string | null;
  record: RecordFlowInput;
  /** An initiative added by the same upload, resolved when it exists. */
  newInitiativeCode: string | null;
}

export interface CodeBook {
  partners: Map<string, string>;
  initiatives: Map<string, string>;
  components: Map<string, string>;
  /** Codes the initiatives sheet adds. */
  addedInitiatives: Set<string>;
}

const PENDING = "00000000-0000-4000-8000-000000000000";
const compared = flowColumns.filter((c) => c !== "id");
const requestFields: Record<string, string> = {
  value: "amount",
  "value.amount": "amount",
  "value.currency": "currency",
  partner_id: "partner",
  initiative_id: "initiative",
  component_id: "component",
};
/** A recordFlow path ("value.amount") → the sheet column its value came from ("amount"). */
const flowColumnOf = (path: string) => {
  const column = requestFields[path] ?? path.split(".")[0] ?? "";
  return (flowColumns as readonly string[]).includes(column) ? column : "";
};

/**
 * What the flows sheet would change. A row without id is a new entry; a row whose cells differ
 * from its standing entry becomes a reversal of that entry plus a new one (the ledger is never
 * edited); an identical row is unchanged. Entries not in the sheet stay.
 */
/**
 * Standing entries the sheet left out, in the scope the uploader may reverse: with
 * `removeMissing` they are reversed (never deleted), each shown as a `removed` row.
 */
export function planMissingFlows(
  rows: Array<SheetRow<FlowSheetRow>>,
  standing: FlowSheetRow[],
  principal: Principal,
  partners: Map<string, string>,
): Array<PlanRow<FlowPlanInput>> {
  const listed = new Set(rows.map(({ values }) => values.id).filter(Boolean));
  // The entries the uploader may reverse (a partner: its own); the sheet never holds the rest.
  const mayReverse = (flow: FlowSheetRow) =>
    canWriteWorkbookRow(principal, {
      sheet: "flows",
      reverses: { id: partners.get(flow.partner) ?? "", code: flow.partner },
    }).length === 0;
  return standing
    .filter((flow) => !listed.has(flow.id) && mayReverse(flow))
    .map((flow) => ({
      sheet: "flows" as const,
      row: 0,
      key: flow.id,
      action: "removed" as const,
      changes: compared
        .filter((column) => (flow[column] ?? "") !== "")
        .map((field) => ({ field, from: flow[field] ?? "", to: "" })),
      errors: [],
      problems: [],
    }));
}

export function planFlows(
  rows: Array<SheetRow<FlowSheetRow>>,
  standing: Map<string, FlowSheetRow>,
  codes: CodeBook,
  principal: Principal,
): Array<PlanRow<FlowPlanInput>> {
  return rows.map(({ row, values }): PlanRow<FlowPlanInput> => {
    const base = { sheet: "flows" as const, row, key: values.id || "new", changes: [] };
    const existing = values.id ? standing.get(values.id) : undefined;
    if (values.id && !existing)
      return refused(base, [
        {
          column: "id",
          message: `no standing entry ${values.id} (it may have been reversed since the download)`,
          rule: { code: "workbook_unknown_entry", id: values.id },
        },
      ]);
    const changes = existing ? differences(existing, values, compared) : [];
    if (existing && changes.length === 0)
      return { ...base, action: "unchanged", errors: [], problems: [] };
    const problems: RowProblem[] = [];
    const lookup = (map: Map<string, string>, column: "partner" | "component" | "initiative") => {
      const code = values[column].toUpperCase();
      const id = map.get(code);
      if (code && !id)
        problems.push({
          column,
          message: `no ${column === "partner" ? "organization" : column === "component" ? "strategy component" : "initiative"} with code "${values[column]}"`,
          rule: { code: "unknown_code", value: values[column] },
        });
      return id;
    };
    const partnerId = lookup(codes.partners, "partner");
    const initiativeCode = values.initiative.toUpperCase();
    const isNew =
      initiativeCode !== "" &&
      !codes.initiatives.has(initiativeCode) &&
      codes.addedInitiatives.has(initiativeCode);
    const initiativeId = isNew
      ? PENDING
      : initiativeCode
        ? lookup(codes.initiatives, "initiative")
        : undefined;
    const componentId = initiativeCode ? undefined : lookup(codes.components, "component");
    // Whose support the row records, and whose standing entry it reverses: the same rule as apply.
    problems.push(
      ...canWriteWorkbookRow(principal, {
        sheet: "flows",
        records: partnerId ? { id: partnerId, code: values.partner.toUpperCase() } : undefined,
        reverses: existing
          ? { id: codes.partners.get(existing.partner) ?? "", code: existing.partner }
          : undefined,
      }),
    );
    const parsed = recordFlowSchema.safeParse({
      flow_type: values.flow_type,
      support_kind: values.support_kind,
      partner_id: partnerId ?? "",
      ...(initiativeId && { initiative_id: initiativeId }),
      ...(componentId && { component_id: componentId }),
      ...(values.amount || values.currency
        ? { value: { amount: values.amount, currency: values.currency } }
        : {}),
      ...(given(values.description) && { description: values.description }),
      value_date: values.value_date,
      ...(given(values.finance_type) && { finance_type: values.finance_type }),
      ...(given(values.source) && { source: values.source }),
      ...(given(values.note) && { note: values.note }),
    });
    if (!parsed.success) {
      // A code that named nothing is reported once, by its column, not again as an invalid id.
      const named = new Set(problems.map((p) => p.column));
      problems.push(
        ...issueProblems(parsed.error.issues, flowColumnOf).filter(
          (p) =>
            !(named.has(p.column) && ["partner", "initiative", "component"].includes(p.column)),
        ),
      );
    }
    if (problems.length > 0 || !parsed.success) return { ...refused(base, problems), changes };
    return {
      ...base,
      action: existing ? "changed" : "added",
      changes,
      errors: [],
      problems: [],
      input: {
        replaces: existing ? values.id : null,
        record: parsed.data,
        newInitiativeCode: isNew ? initiativeCode : null,
      },
    };
  });
}
