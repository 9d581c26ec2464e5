import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod/mini";
import {
  type EvidenceKind,
  mandateDetailSchema,
  mandateListSchema,
  paragraphRefListSchema,
  periodStatusSchema,
  traceSchema,
} from "../../../contracts/mandates.ts";
import { okSchema } from "../../../contracts/shapes.ts";
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

export interface NewEvidence {
  kind: EvidenceKind;
  target_id: string;
  period: string | null;
  note: string | null;
}

const createdSchema = z.object({ id: z.string() });

/** The secretariat links a record to the mandate as evidence, or removes a link. */
export function useEvidence(id: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ["mandates", id] });
  return {
    add: useMutation({
      mutationFn: (input: NewEvidence) =>
        api.post(`/mandates/${id}/evidence`, createdSchema, {
          kind: input.kind,
          target_id: input.target_id.trim(),
          ...(input.period ? { period: input.period } : {}),
          ...(input.note ? { note: input.note } : {}),
        }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (evidenceId: string) =>
        api.delete(`/mandates/${id}/evidence/${evidenceId}`, okSchema),
      onSuccess: refresh,
    }),
  };
}

/** The secretariat records which initiatives answer the paragraph. */
export function useInitiativeLinks(id: string) {
  const client = useQueryClient();
  // The mandate, its trace and the initiatives' own paragraph lists all change.
  const refresh = () => client.invalidateQueries({ queryKey: ["mandates"] });
  return {
    link: useMutation({
      mutationFn: (initiativeId: string) =>
        api.put(`/mandates/${id}/initiatives/${initiativeId}`, okSchema, {}),
      onSuccess: refresh,
    }),
    unlink: useMutation({
      mutationFn: (initiativeId: string) =>
        api.delete(`/mandates/${id}/initiatives/${initiativeId}`, okSchema),
      onSuccess: refresh,
    }),
  };
}
