import { formatMinorUnits } from "../../../contracts/money.ts";
import type { RequestedDisbursement } from "../../../platform/db/schema.ts";
import type { RecordFlowInput } from "../flows.schema.ts";

/**
 * The ledger entry a request stands for: the financial disbursement it asks to record, with
 * its reason as the override's (`over_commitment_reason`) once approved.
 */
export function disbursementOf(
  request: RequestedDisbursement & { reason?: string; note?: string },
): RecordFlowInput {
  return {
    flow_type: "disbursement",
    support_kind: "financial",
    partner_id: request.partner_id,
    initiative_id: request.initiative_id,
    commitment_id: request.commitment_id,
    value: {
      amount: formatMinorUnits(request.amount_minor, request.currency),
      currency: request.currency,
    },
    value_date: request.value_date,
    ...(request.reason !== undefined && { over_commitment_reason: request.reason }),
    ...(request.note !== undefined && { note: request.note }),
  };
}
