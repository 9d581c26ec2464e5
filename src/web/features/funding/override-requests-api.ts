import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type OverDisbursementRequest,
  overDisbursementRequestListSchema,
  overDisbursementRequestSchema,
} from "../../../contracts/over-disbursements.ts";
import { api } from "../../api/client.ts";

const KEY = ["over-disbursement-requests"] as const;

/** The disbursement a partner asks the secretariat to record above its commitment. */
export interface OverrideRequestDraft {
  partner_id: string;
  initiative_id: string;
  commitment_id?: string;
  value: { amount: string; currency: string };
  value_date: string;
  reason: string;
}

/** A partner's own requests, or every request for the secretariat (the server decides). */
export function useOverrideRequests(status?: OverDisbursementRequest["status"]) {
  return useQuery({
    queryKey: [...KEY, status ?? "all"],
    queryFn: () =>
      api.get(
        `/over-disbursement-requests?limit=200${status ? `&status=${status}` : ""}`,
        overDisbursementRequestListSchema,
      ),
  });
}

export function useAskOverride() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: OverrideRequestDraft) =>
      api.post("/over-disbursement-requests", overDisbursementRequestSchema, draft),
    onSuccess: () => void client.invalidateQueries({ queryKey: KEY }),
  });
}

/** Approve (the disbursement is recorded) or decline (a note is required) a request. */
export function useDecideOverride() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (decision: { id: string; approve: boolean; note: string }) =>
      api.post(
        `/over-disbursement-requests/${decision.id}/${decision.approve ? "approval" : "refusal"}`,
        overDisbursementRequestSchema,
        decision.note ? { note: decision.note } : {},
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: KEY });
      void client.invalidateQueries({ queryKey: ["flows"] });
      void client.invalidateQueries({ queryKey: ["funding-summary"] });
    },
  });
}
