import { describe, expect, it } from "vitest";
import type { PlanRow } from "../../../contracts/spreadsheets.ts";
import { en } from "../../i18n/en.ts";
import { es } from "../../i18n/es.ts";
import { interpolate, type Translate } from "../../i18n/i18n.tsx";
import { problemLines } from "./plan-problems.ts";

const tEs: Translate = (key, vars) => interpolate(es[key] ?? key, vars);
const tEn: Translate = (key, vars) => interpolate(en[key] ?? key, vars);

/** A previewed row as the API sends it (problems as plan-flows.ts and the policy word them). */
const row: PlanRow = {
  sheet: "flows",
  row: 3,
  key: "new",
  action: "error",
  changes: [],
  errors: [],
  problems: [
    {
      column: "partner",
      message: "this is EU's support. You may record only your own organization's support.",
      rule: { code: "workbook_flow_not_yours", partner: "EU" },
    },
    {
      column: "amount",
      message: 'must be a decimal amount such as "1500000.50"',
      rule: { code: "too_small", origin: "number", minimum: 0 },
    },
    {
      column: "status",
      message: "changes only through the initiative's transitions (it is draft)",
      rule: { code: "workbook_status_read_only", status: "draft" },
    },
    { column: "", message: "the row", rule: { code: "workbook_unknown_entry", id: "x-1" } },
  ],
};

describe("a previewed row's problems, for people", () => {
  it("leads each with its column's header in the reader's language, never a request path", () => {
    const spanish = problemLines(row, tEs, "es");
    expect(spanish[0]).toBe(
      interpolate(es["workspace.fieldError"], {
        field: "Socio",
        message: interpolate(es["validation.workbook_flow_not_yours"], { partner: "EU" }),
      }),
    );
    expect(spanish[1]).toMatch(/^Monto: /);
    expect(spanish[2]).toContain("Borrador");
    expect(spanish[3]).toBe(interpolate(es["validation.workbook_unknown_entry"], { id: "x-1" }));
    const english = problemLines(row, tEn, "en");
    expect(english.map((line) => line.split(":")[0])).toEqual([
      "Partner",
      "Amount",
      "Status",
      "no standing entry x-1 (it may have been reversed since the download)",
    ]);
    expect(english.join(" ")).not.toMatch(/value\.amount|partner_id/);
  });
});
