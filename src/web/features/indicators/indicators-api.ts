import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  indicatorListSchema,
  indicatorSchema,
  observationImportResultSchema,
  observationListSchema,
} from "../../../contracts/indicators.ts";
import { resultsFrameworkSchema, resultsIndicatorSchema } from "../../../contracts/results.ts";
import { api } from "../../api/client.ts";

export const useIndicators = () =>
  useQuery({
    queryKey: ["indicators"],
    queryFn: () => api.get("/indicators", indicatorListSchema, { limit: 100 }),
    staleTime: 5 * 60_000,
  });

export const useIndicator = (code: string) =>
  useQuery({
    queryKey: ["indicator", code],
    queryFn: () => api.get(`/indicators/${encodeURIComponent(code)}`, indicatorSchema),
    staleTime: 5 * 60_000,
    enabled: code !== "",
  });

/** Every observation of an indicator (all sources, the totals), for one country or all. */
export const useObservations = (code: string, country?: string) =>
  useQuery({
    queryKey: ["observations", code, country, "total"],
    queryFn: () =>
      api.get(`/indicators/${encodeURIComponent(code)}/observations`, observationListSchema, {
        limit: 500,
        sort: "year",
        sex: "total",
        country,
      }),
    staleTime: 5 * 60_000,
    enabled: code !== "",
  });

export const useResultsFramework = (initiative: string) =>
  useQuery({
    queryKey: ["results", initiative],
    queryFn: () =>
      api.get(`/initiatives/${encodeURIComponent(initiative)}/results`, resultsFrameworkSchema),
  });

export interface ActualInput {
  year: number | string;
  value: string;
  evidence: string;
  evidence_url: string | null;
  notes: string | null;
}

export function useReportActual(initiative: string, indicatorId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ActualInput) =>
      api.post(`/results-indicators/${indicatorId}/actuals`, resultsIndicatorSchema, input),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["results", initiative] }),
  });
}

export function useDefineResultsIndicator(initiative: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: unknown) =>
      api.post(
        `/initiatives/${encodeURIComponent(initiative)}/results`,
        resultsIndicatorSchema,
        input,
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["results", initiative] }),
  });
}

export const previewObservationsCsv = (csv: string) =>
  api.postCsv("/indicators/import/preview", observationImportResultSchema, csv);
export const importObservationsCsv = (csv: string, skipInvalid: boolean) =>
  api.postCsv(
    `/indicators/import${skipInvalid ? "?skip_invalid=true" : ""}`,
    observationImportResultSchema,
    csv,
  );
