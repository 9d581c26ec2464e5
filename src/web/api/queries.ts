import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { conferenceListSchema } from "../../contracts/conferences.ts";
import type { RollupDimension } from "../../contracts/enums.ts";
import { flowListSchema } from "../../contracts/flows.ts";
import {
  type InitiativeListItem,
  initiativeListSchema,
  initiativeSchema,
  transitionHistorySchema,
} from "../../contracts/initiatives.ts";
import { organizationListSchema } from "../../contracts/organizations.ts";
import { componentListSchema } from "../../contracts/strategy.ts";
import { api } from "./client.ts";
import { fundingSummarySchema } from "./schemas.ts";

export interface SummaryFilters {
  component?: string | undefined;
  country?: string | undefined;
  partner?: string | undefined;
  initiative?: string | undefined;
  year?: string | undefined;
  /** IATI FinanceType codes, comma-separated. */
  finance_type?: string | undefined;
}

/** The one roll-up: every funding figure on screen comes from here or from records. */
export const useFundingSummary = (by: RollupDimension[], filters: SummaryFilters = {}) =>
  useQuery({
    queryKey: ["funding-summary", by, filters],
    queryFn: () => api.get("/funding/summary", fundingSummarySchema, { by, ...filters }),
  });

export interface InitiativeQuery {
  component?: string | undefined;
  country?: string | undefined;
  status?: string | undefined;
  partner?: string | undefined;
  illustrative?: string | undefined;
  q?: string | undefined;
  sort?: string | undefined;
  limit?: number;
  offset?: number;
}

export const useInitiatives = (query: InitiativeQuery) =>
  useQuery({
    queryKey: ["initiatives", query],
    queryFn: () => api.get("/initiatives", initiativeListSchema, { ...query }),
    placeholderData: keepPreviousData,
  });

/** The most rows the API gives in one page; a whole list is read in pages of this size. */
const LARGEST_PAGE = 500;

/**
 * Every initiative the query matches, in its sort order: the pages read one after another
 * (the downloads hold the whole list, not the page on screen).
 */
export async function fetchAllInitiatives(query: Omit<InitiativeQuery, "limit" | "offset">) {
  const rows: InitiativeListItem[] = [];
  for (;;) {
    const page = await api.get("/initiatives", initiativeListSchema, {
      ...query,
      limit: LARGEST_PAGE,
      offset: rows.length,
    });
    rows.push(...page.data);
    if (page.data.length === 0 || rows.length >= page.page.total) return rows;
  }
}

export const useInitiative = (id: string) =>
  useQuery({
    queryKey: ["initiative", id],
    queryFn: () => api.get(`/initiatives/${encodeURIComponent(id)}`, initiativeSchema),
  });

export const useTransitions = (id: string) =>
  useQuery({
    queryKey: ["transitions", id],
    queryFn: () =>
      api.get(`/initiatives/${encodeURIComponent(id)}/transitions`, transitionHistorySchema),
  });

export interface FlowQuery {
  partner_id?: string | undefined;
  initiative_id?: string | undefined;
  component_id?: string | undefined;
  flow_type?: string | undefined;
  /** Standing pledges and commitments a new entry for this initiative ("none") may point at. */
  linkable_to?: string | undefined;
  limit?: number;
}

export const useFlows = (query: FlowQuery, enabled = true) =>
  useQuery({
    queryKey: ["flows", query],
    queryFn: () => api.get("/flows", flowListSchema, { limit: 500, sort: "value_date", ...query }),
    enabled,
  });

export const useOrganizations = () =>
  useQuery({
    queryKey: ["organizations"],
    queryFn: () => api.get("/organizations", organizationListSchema, { limit: 500 }),
    staleTime: 5 * 60_000,
  });

export const useComponents = () =>
  useQuery({
    queryKey: ["components"],
    queryFn: () => api.get("/components", componentListSchema, { limit: 50 }),
    staleTime: 5 * 60_000,
  });

export const useConferences = () =>
  useQuery({
    queryKey: ["conferences"],
    queryFn: () => api.get("/conferences", conferenceListSchema),
    staleTime: 5 * 60_000,
  });
