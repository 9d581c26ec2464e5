import type { PlanRow } from "../../../contracts/spreadsheets.ts";
import { columnLabel } from "../../../contracts/workbook-labels.ts";
import type { ApiErrorDetail } from "../../api/client.ts";
import { detailMessage } from "../../i18n/api-errors.ts";
import type { Language, MessageKey, Translate } from "../../i18n/i18n.tsx";

/**
 * A previewed row's problems in the reader's language, each led by its column as the
 * workbook's header names it ("Monto: debe ser mayor que cero"), never a request path.
 */
export function problemLines(row: PlanRow, t: Translate, lang: Language): string[] {
  return row.problems.map((problem) => {
    const rule = { ...problem.rule };
    // A status reads as its label ("Borrador"), as on the initiative's page.
    if (typeof rule.status === "string") {
      const key = `status.${rule.status}` as MessageKey;
      const label = t(key);
      if (label !== key) rule.status = label;
    }
    const detail: ApiErrorDetail = { path: problem.column, message: problem.message, rule };
    const message = detailMessage(detail, t, lang);
    return problem.column
      ? t("workspace.fieldError", { field: columnLabel(problem.column, lang), message })
      : message;
  });
}
