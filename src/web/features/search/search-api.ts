import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type SearchKind, searchAnswerSchema } from "../../../contracts/search.ts";
import { api } from "../../api/client.ts";

export interface SearchParams {
  q: string;
  kind?: SearchKind | undefined;
  component?: string | undefined;
  country?: string | undefined;
  lang: "es" | "en";
  offset?: number;
}

export const SEARCH_PAGE_SIZE = 20;

/** The one search; nothing is asked while the query holds no letter or digit. */
export const useSearch = (params: SearchParams) =>
  useQuery({
    queryKey: ["search", params],
    enabled: /[\p{L}\p{N}]/u.test(params.q),
    placeholderData: keepPreviousData,
    queryFn: () =>
      api.get("/search", searchAnswerSchema, {
        q: params.q,
        kind: params.kind,
        component: params.component,
        country: params.country,
        lang: params.lang,
        limit: SEARCH_PAGE_SIZE,
        offset: params.offset ?? 0,
      }),
  });
