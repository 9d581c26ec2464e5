import { z } from "zod/mini";

/** One row of an uploaded workbook and what applying it does (or why it cannot). */
export const planRowSchema = z.object({
  sheet: z.enum(["initiatives", "flows"]),
  row: z.int(),
  key: z.string(),
  action: z.enum(["added", "changed", "unchanged", "removed", "error"]),
  changes: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })),
  /** Each problem as an English line led by its column's header ("Amount: …"). */
  errors: z.array(z.string()),
  /**
   * The same problems for a client to word itself: the sheet column (its key, "" for the
   * row), the English sentence, and the rule broken with its values (`code` and e.g. `partner`).
   */
  problems: z.array(
    z.object({
      column: z.string(),
      message: z.string(),
      rule: z.looseObject({ code: z.string() }),
    }),
  ),
});
export type PlanRow = z.infer<typeof planRowSchema>;
export type PlanAction = PlanRow["action"];

/** A workbook's preview, or what applying it did; the plan hash confirms what was seen. */
export const workbookPlanSchema = z
  .object({
    rows: z.array(planRowSchema),
    counts: z.object({
      added: z.number(),
      changed: z.number(),
      unchanged: z.number(),
      removed: z.number(),
      error: z.number(),
    }),
    plan_hash: z.string(),
  })
  .check(z.meta({ id: "WorkbookPlan" }));
export type WorkbookPlan = z.infer<typeof workbookPlanSchema>;
