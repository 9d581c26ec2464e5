import { z } from "zod/mini";
import { overrideRequestStatuses } from "./enum-values.ts";
import { isoDate, listOf, moneySchema, names, optionalNames, timestamp, uuid } from "./shapes.ts";

/**
 * A partner's request to disburse above its commitment, as its partner and the secretariat
 * see it: the disbursement it would record, why, who decided and how, and the pair's
 * figures now (committed and disbursed in USD, net of reversals) for the decision.
 */
export const overDisbursementRequestSchema = z
  .object({
    id: uuid,
    partner: z.object({ id: uuid, code: z.string(), name: names }),
    initiative: z.object({ id: uuid, code: z.string(), title: optionalNames }),
    commitment_id: z.nullable(uuid),
    value: moneySchema,
    value_date: isoDate,
    reason: z.string(),
    status: z.enum(overrideRequestStatuses),
    requested_by: z.string(),
    requested_at: timestamp,
    decided_by: z.nullable(z.string()),
    decided_at: z.nullable(timestamp),
    decision_note: z.nullable(z.string()),
    flow_id: z
      .nullable(uuid)
      .check(z.meta({ description: "The disbursement recorded when the request was approved" })),
    committed_usd: moneySchema,
    disbursed_usd: moneySchema,
  })
  .check(z.meta({ id: "OverDisbursementRequest" }));
export type OverDisbursementRequest = z.infer<typeof overDisbursementRequestSchema>;

export const overDisbursementRequestListSchema = listOf(overDisbursementRequestSchema);
