import { z } from "zod";
import {
  csvListSchema,
  isoDateSchema,
  paginationQuerySchema,
  uuidSchema,
} from "../../../contracts/common.ts";
import { overrideRequestStatuses } from "../../../contracts/enum-values.ts";
import { moneyInputSchema } from "../../../contracts/money.ts";

// The answers are shared with the web: src/contracts/over-disbursements.ts.
export {
  type OverDisbursementRequest,
  overDisbursementRequestListSchema,
  overDisbursementRequestSchema,
} from "../../../contracts/over-disbursements.ts";

const text = (max: number) => z.string().trim().min(1).max(max);

/** The disbursement a partner would record above its commitment, and why. */
export const requestOverDisbursementSchema = z
  .object({
    partner_id: uuidSchema,
    initiative_id: uuidSchema,
    commitment_id: uuidSchema.nullable().optional(),
    value: moneyInputSchema.refine((value) => /[1-9]/.test(value.amount), {
      path: ["amount"],
      message: "must be greater than zero",
      params: { rule: "positive_amount" },
    }),
    value_date: isoDateSchema,
    reason: text(2000).meta({ description: "Why the disbursement goes beyond the commitment" }),
  })
  .strict();
export type RequestOverDisbursementInput = z.infer<typeof requestOverDisbursementSchema>;

export const approveOverDisbursementSchema = z
  .object({ note: text(2000).optional().meta({ description: "The secretariat's note" }) })
  .strict();

export const declineOverDisbursementSchema = z
  .object({ note: text(2000).meta({ description: "Why the secretariat declines" }) })
  .strict();

export const listOverDisbursementRequestsQuerySchema = paginationQuerySchema.extend({
  status: csvListSchema(z.enum(overrideRequestStatuses)).optional(),
});
export type ListOverDisbursementRequestsQuery = z.infer<
  typeof listOverDisbursementRequestsQuerySchema
>;

export const overDisbursementRequestIdParams = z.object({ id: uuidSchema });
