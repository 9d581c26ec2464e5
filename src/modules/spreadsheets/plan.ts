/** `removed`: a standing flow the sheet left out, reversed only when the upload asks for it. */
export type PlanAction = "added" | "changed" | "unchanged" | "removed" | "error";

export interface PlanRow<I = unknown> {
  sheet: "initiatives" | "flows";
  row: number;
  /** The sheet row; 0 for a flow the sheet left out (`removed`). */
  /** The initiative's code, or the flow's id ("new" for a row without one). */
  key: string;
  action: PlanAction;
  changes: Array<{ field: string; from: string; to: string }>;
  errors: string[];
  /** What apply will send to the use case (internal; not part of the preview). */
  input?: I;
}

/** Column-by-column differences between the sheet and ESCA Hub, naming the column. */
export function differences<T extends Record<string, string>>(
  current: T,
  sheet: T,
  columns: readonly (keyof T & string)[],
) {
  return columns
    .filter((column) => (current[column] ?? "") !== (sheet[column] ?? ""))
    .map((field) => ({ field, from: current[field] ?? "", to: sheet[field] ?? "" }));
}

/** zod issues → "column: message" lines. */
export function issueLines(issues: Array<{ path: PropertyKey[]; message: string }>): string[] {
  return issues.map((issue) => `${issue.path.map(String).join(".") || "row"}: ${issue.message}`);
}

/** "" → undefined, so that an empty cell means "not given". */
export const given = (value: string) => (value === "" ? undefined : value);
export const orNull = (value: string) => (value === "" ? null : value);
