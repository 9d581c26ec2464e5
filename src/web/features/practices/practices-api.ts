import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type PracticeStatus,
  practiceDetailSchema,
  practiceListSchema,
} from "../../../contracts/practices.ts";
import { okSchema } from "../../../contracts/shapes.ts";
import { api } from "../../api/client.ts";

export interface PracticeFilters {
  component?: string | undefined;
  country?: string | undefined;
  language?: string | undefined;
  status?: PracticeStatus | undefined;
}

export const usePractices = (filters: PracticeFilters = {}) =>
  useQuery({
    queryKey: ["practices", filters],
    queryFn: () => api.get("/practices", practiceListSchema, { limit: 200, ...filters }),
  });

export const usePractice = (id: string | undefined) =>
  useQuery({
    queryKey: ["practices", "one", id],
    enabled: Boolean(id),
    queryFn: () => api.get(`/practices/${id}`, practiceDetailSchema),
  });

/** What the workspace form sends: the whole entry, its lists replacing those held. */
export interface PracticeForm {
  slug: string;
  title: string;
  summary: string;
  body: string;
  language: "es" | "en";
  source: { kind: "mechanism" | "state"; name: string; citation: string; url: string | null };
  countries: string[];
  components: string[];
  initiatives: string[];
  mandates: string[];
  documents: { title: string; url: string }[];
  version?: number;
}

function useInvalidate() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ["practices"] }),
      client.invalidateQueries({ queryKey: ["search"] }),
    ]);
}

export function useSavePractice(id: string | undefined) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (form: PracticeForm) =>
      id
        ? api.put(`/practices/${id}`, practiceDetailSchema, form)
        : api.post("/practices", practiceDetailSchema, form),
    onSuccess: invalidate,
  });
}

export function useSetPracticeStatus(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { status: PracticeStatus; version: number }) =>
      api.put(`/practices/${id}/status`, practiceDetailSchema, body),
    onSuccess: invalidate,
  });
}

export function useDeletePractice(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api.delete(`/practices/${id}`, okSchema),
    onSuccess: invalidate,
  });
}
