import { columnLabel } from "../../contracts/workbook-labels.ts";
import type { MessageValues } from "../../platform/errors.ts";
import { ruleOfIssue } from "../../platform/http/error-handler.ts";

/** `removed`: a standing flow the sheet left out, reversed only when the upload asks for it. */
export type PlanAction = "added" | "changed" | "unchanged" | "removed" | "error";

/**
 * One problem of a row: the sheet column it is in ("" for the whole row), an English sentence
 * for API readers, and the rule broken with its values, so a client words it in its language.
 */
export interface RowProblem {
  column: string;
  message: string;
  rule: { code: string } & MessageValues;
}

export interface PlanRow<I = unknown> {
  sheet: "initiatives" | "flows";
  /** The sheet row; 0 for a flow the sheet left out (`removed`). */
  row: number;
  /** The initiative's code, or the flow's id ("new" for a row without one). */
  key: string;
  action: PlanAction;
  changes: Array<{ field: string; from: string; to: string }>;
  /** The problems as English lines, each led by its column's header ("Amount: …"). */
  errors: string[];
  problems: RowProblem[];
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

/** A problem's line for people reading the API: "Amount: must be greater than 0". */
export const problemLine = (problem: RowProblem) =>
  problem.column ? `${columnLabel(problem.column, "en")}: ${problem.message}` : problem.message;

/** A row refused for its problems. */
export const refused = <I>(
  base: Omit<PlanRow<I>, "action" | "errors" | "problems">,
  problems: RowProblem[],
): PlanRow<I> => ({
  ...base,
  action: "error",
  problems,
  errors: problems.map(problemLine),
});

/**
 * zod issues → problems under the sheet's columns: `columnOf` maps a request path
 * ("value.amount", "sectors.1.percentage") to the column the value came from.
 */
export function issueProblems(
  issues: Array<{ code: string; path: PropertyKey[]; message: string }>,
  columnOf: (path: string) => string,
): RowProblem[] {
  return issues.map((issue) => ({
    column: columnOf(issue.path.map(String).join(".")),
    message: issue.message,
    rule: ruleOfIssue(issue),
  }));
}

/** "" → undefined, so that an empty cell means "not given". */
export const given = (value: string) => (value === "" ? undefined : value);
export const orNull = (value: string) => (value === "" ? null : value);
