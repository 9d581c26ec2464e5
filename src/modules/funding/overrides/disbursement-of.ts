import { formatMinorUnits } from "../../../contracts/money.ts";
import type { RecordFlowInput } from "../flows.schema.ts";

/**
 * The ledger entry a request stands for: the financial disbursement it asks to record, with
 * its reason as the override's (`over_commitment_reason`) once approved.
 */
export function disbursementOf(request: {
  partner_id: string;
  initiative_id: string;
  commitment_id: string | null;
  amount_minor: bigint;
  currency: string;
  value_date: string;
  reason?: string;
  note?: string;
}): RecordFlowInput {
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
