import type { RecordFlowInput } from "../funding/index.ts";
import { recordFlowSchema } from "../funding/index.ts";
import { differences, given, issueLines, type PlanRow } from "./plan.ts";
import type { SheetRow } from "./read-workbook.ts";
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
  inScope: FlowSheetRow[],
): Array<PlanRow<FlowPlanInput>> {
  const listed = new Set(rows.map(({ values }) => values.id).filter(Boolean));
  return inScope
    .filter((flow) => !listed.has(flow.id))
    .map((flow) => ({
      sheet: "flows" as const,
      row: 0,
      key: flow.id,
      action: "removed" as const,
      changes: compared
        .filter((column) => (flow[column] ?? "") !== "")
        .map((field) => ({ field, from: flow[field] ?? "", to: "" })),
      errors: [],
    }));
}

export function planFlows(
  rows: Array<SheetRow<FlowSheetRow>>,
  standing: Map<string, FlowSheetRow>,
  codes: CodeBook,
): Array<PlanRow<FlowPlanInput>> {
  return rows.map(({ row, values }): PlanRow<FlowPlanInput> => {
    const base = { sheet: "flows" as const, row, key: values.id || "new", changes: [], errors: [] };
    const existing = values.id ? standing.get(values.id) : undefined;
    if (values.id && !existing)
      return {
        ...base,
        action: "error",
        errors: [
          `id: no standing entry ${values.id} (it may have been reversed since the download)`,
        ],
      };
    const changes = existing ? differences(existing, values, compared) : [];
    if (existing && changes.length === 0) return { ...base, action: "unchanged" };
    const errors: string[] = [];
    const lookup = (map: Map<string, string>, column: "partner" | "component", what: string) => {
      const code = values[column].toUpperCase();
      const id = map.get(code);
      if (code && !id) errors.push(`${column}: no ${what} with code "${values[column]}"`);
      return id;
    };
    const partnerId = lookup(codes.partners, "partner", "organization");
    const initiativeCode = values.initiative.toUpperCase();
    const isNew =
      initiativeCode !== "" &&
      !codes.initiatives.has(initiativeCode) &&
      codes.addedInitiatives.has(initiativeCode);
    const initiativeId = initiativeCode
      ? (codes.initiatives.get(initiativeCode) ?? (isNew ? PENDING : undefined))
      : undefined;
    if (initiativeCode && !initiativeId)
      errors.push(`initiative: no initiative with code "${values.initiative}"`);
    const componentId = initiativeCode
      ? undefined
      : lookup(codes.components, "component", "strategy component");
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
    // A code that named nothing is reported once, by its column, not again as an invalid id.
    const lookupFailed = errors.length > 0;
    if (!parsed.success)
      errors.push(
        ...issueLines(parsed.error.issues).filter(
          (line) => !(lookupFailed && /^(partner|initiative|component)_id:/.test(line)),
        ),
      );
    if (errors.length > 0 || !parsed.success) return { ...base, action: "error", changes, errors };
    return {
      ...base,
      action: existing ? "changed" : "added",
      changes,
      input: {
        replaces: existing ? values.id : null,
        record: parsed.data,
        newInitiativeCode: isNew ? initiativeCode : null,
      },
    };
  });
}
