import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type SupportRequestStepAction,
  supportRequestDetailSchema,
  supportRequestListSchema,
} from "../../../contracts/support-requests.ts";
import { api } from "../../api/client.ts";

export interface RequestQuery {
  body?: string | undefined;
  country?: string | undefined;
  status?: string | undefined;
  initiative?: string | undefined;
}

export const useSupportRequests = (query: RequestQuery) =>
  useQuery({
    queryKey: ["support-requests", query],
    queryFn: () => api.get("/support-requests", supportRequestListSchema, { limit: 200, ...query }),
    placeholderData: keepPreviousData,
  });

export const useSupportRequest = (id: string) =>
  useQuery({
    queryKey: ["support-request", id],
    queryFn: () =>
      api.get(`/support-requests/${encodeURIComponent(id)}`, supportRequestDetailSchema),
  });

export interface NewRequest {
  initiative: string;
  body: string;
  what: string;
  why: string;
  needed_by: string | null;
  resolution_symbol: string;
  paragraph: number | null;
}

export function useCreateRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewRequest) =>
      api.post("/support-requests", supportRequestDetailSchema, input),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["support-requests"] }),
  });
}

export function useRequestStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { action: SupportRequestStepAction; note: string | null }) =>
      api.post(`/support-requests/${encodeURIComponent(id)}/steps`, supportRequestDetailSchema, {
        action: input.action,
        ...(input.note ? { note: input.note } : {}),
      }),
    onSuccess: (detail) => {
      client.setQueryData(["support-request", id], detail);
      void client.invalidateQueries({ queryKey: ["support-requests"] });
      void client.invalidateQueries({ queryKey: ["oas-bodies"] });
    },
  });
}

export function useLinkFlow(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (flowId: string) =>
      api.post(`/support-requests/${encodeURIComponent(id)}/flow`, supportRequestDetailSchema, {
        flow_id: flowId,
      }),
    onSuccess: (detail) => client.setQueryData(["support-request", id], detail),
  });
}
