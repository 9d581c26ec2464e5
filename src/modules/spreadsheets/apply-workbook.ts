import type { Kysely } from "kysely";
import { workbookSheetNames } from "../../contracts/workbook-labels.ts";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError } from "../../platform/errors.ts";
import type { Principal } from "../accounts/index.ts";
import { recordFlow, reverseFlow } from "../funding/index.ts";
import {
  type CreateInitiativeInput,
  createInitiative,
  type UpdateInitiativeInput,
  updateInitiative,
} from "../initiatives/index.ts";
import type { FlowPlanInput } from "./plan-flows.ts";
import { planWorkbook, type WorkbookPlan } from "./preview-workbook.ts";
import { readWorkbook } from "./read-workbook.ts";
import { initiativeIdOfCode } from "./workbook.queries.ts";

/**
 * Applies an uploaded workbook as previewed, in one transaction: initiatives are created or
 * updated, changed flows are reversed and recorded anew, new flows recorded, and when asked
 * (`removeMissing`) standing flows the sheet left out are reversed. The caller sends
 * the preview's plan hash: if anything changed since (the sheet or ESCA Hub), nothing is done.
 * One refused row (a rule, a permission) refuses the whole upload, naming the row: the plan is
 * the preview's, permissions included (canWriteWorkbookRow), so apply refuses no row the
 * preview did not show as an error.
 */
export async function applyWorkbook(options: {
  db: Kysely<Database>;
  buffer: Buffer;
  planHash: string;
  principal: Principal;
  removeMissing?: boolean;
}): Promise<WorkbookPlan> {
  // Read before the transaction: the database waits for no upload.
  const sheet = await readWorkbook(options.buffer);
  return inTransaction(options.db, async (trx) => {
    const plan = await planWorkbook({
      db: trx,
      sheet,
      principal: options.principal,
      removeMissing: options.removeMissing ?? false,
    });
    if (plan.planHash !== options.planHash)
      throw new AppError(
        "conflict",
        "The workbook or the data changed since the preview; preview it again and confirm what it shows.",
      );
    const failing = plan.rows.filter((row) => row.action === "error");
    const first = failing[0];
    if (first)
      throw new AppError(
        "unprocessable",
        `Sheet "${workbookSheetNames[first.sheet].en}", row ${first.row}: ${first.errors[0]}; fix the ${failing.length} row(s) with errors shown in the preview first.`,
        {
          reason: "workbook_rows_refused",
          values: {
            row: first.row,
            sheet_es: workbookSheetNames[first.sheet].es,
            sheet_en: workbookSheetNames[first.sheet].en,
            rows: failing.length,
          },
        },
      );
    for (const row of plan.rows) {
      try {
        await applyRow(trx, row.sheet, row.action, row.key, row.input, row.row, options.principal);
      } catch (error) {
        if (error instanceof AppError)
          throw new AppError(
            error.code,
            `Sheet "${workbookSheetNames[row.sheet].en}", row ${row.row}: ${error.message}`,
            {
              details: error.details,
              ...(error.reason !== undefined && { reason: error.reason }),
              values: { ...error.values, row: row.row },
              ...(error.context !== undefined && { context: error.context }),
            },
          );
        throw error;
      }
    }
    return plan;
  });
}

async function applyRow(
  db: Kysely<Database>,
  sheet: string,
  action: string,
  key: string,
  input: unknown,
  row: number,
  principal: Principal,
) {
  if (action === "removed") {
    await reverseFlow({
      db,
      flowId: key,
      input: { reason: "Left out of a spreadsheet upload that reverses what it leaves out" },
      principal,
    });
    return;
  }
  if (action !== "added" && action !== "changed") return;
  if (sheet === "initiatives") {
    if (action === "added")
      await createInitiative({ db, input: input as CreateInitiativeInput, principal });
    else
      await updateInitiative({
        db,
        idOrCode: key,
        input: input as UpdateInitiativeInput,
        principal,
      });
    return;
  }
  const flow = input as FlowPlanInput;
  let record = flow.record;
  if (flow.newInitiativeCode) {
    record = { ...record, initiative_id: await initiativeIdOfCode(db, flow.newInitiativeCode) };
  }
  if (flow.replaces)
    await reverseFlow({
      db,
      flowId: flow.replaces,
      input: { reason: `Corrected by a spreadsheet upload (flows, row ${row})` },
      principal,
    });
  await recordFlow({ db, input: record, principal });
}
