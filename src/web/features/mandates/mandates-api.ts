import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  mandateDetailSchema,
  mandateListSchema,
  paragraphRefListSchema,
  periodStatusSchema,
  traceSchema,
} from "../../../contracts/mandates.ts";
import { api } from "../../api/client.ts";

export const useMandates = () =>
  useQuery({ queryKey: ["mandates"], queryFn: () => api.get("/mandates", mandateListSchema) });

export const useMandate = (id: string) =>
  useQuery({
    queryKey: ["mandates", id],
    queryFn: () => api.get(`/mandates/${id}`, mandateDetailSchema),
  });

export const useMandateTrace = (id: string) =>
  useQuery({
    queryKey: ["mandates", id, "trace"],
    queryFn: () => api.get(`/mandates/${id}/trace`, traceSchema),
  });

export const useParagraphsOfInitiative = (initiativeId: string) =>
  useQuery({
    queryKey: ["mandates", "by-initiative", initiativeId],
    queryFn: () => api.get(`/mandates/by-initiative/${initiativeId}`, paragraphRefListSchema),
  });

export interface StatusChange {
  period: string;
  status: string;
  note: string | null;
  version?: number;
}

/** The secretariat sets a period's status; the mandate and the list are read again. */
export function useSetMandateStatus(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ period, ...body }: StatusChange) =>
      api.put(`/mandates/${id}/statuses/${encodeURIComponent(period)}`, periodStatusSchema, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ["mandates"] }),
  });
}
