import { useQuery } from "@tanstack/react-query";
import {
  blockedByRateSchema,
  exchangeRateListSchema,
  importResultSchema,
  ratesPreviewSchema,
} from "../../../contracts/exchange-rates.ts";
import { ApiError, api, readAnswer, requestHeaders } from "../../api/client.ts";

export interface RatesFilter {
  currency: string;
  year: string;
  offset: number;
}

export const RATES_PAGE = 100;

/** The stored rates of one currency and/or year, newest first, a page at a time. */
export const useRates = (filter: RatesFilter) =>
  useQuery({
    queryKey: ["exchange-rates", filter],
    queryFn: () =>
      api.get("/exchange-rates", exchangeRateListSchema, {
        currency: filter.currency || undefined,
        from: filter.year ? `${filter.year}-01-01` : undefined,
        to: filter.year ? `${filter.year}-12-31` : undefined,
        limit: RATES_PAGE,
        offset: filter.offset,
      }),
  });

export const useBlockedByRate = () =>
  useQuery({
    queryKey: ["exchange-rates", "blocked"],
    queryFn: () => api.get("/exchange-rates/blocked", blockedByRateSchema),
  });

/** The CSV as the body (text/csv), as the import routes take it. */
async function postCsv<S extends Parameters<typeof readAnswer>[3]>(
  path: string,
  schema: S,
  csv: string,
) {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: "POST",
      headers: { ...requestHeaders("POST"), "content-type": "text/csv" },
      credentials: "same-origin",
      body: csv,
    });
  } catch (error) {
    throw new ApiError(0, "network", (error as Error).message);
  }
  return readAnswer(response.status, response.statusText, await response.text(), schema);
}

/** What the CSV would add, replace or leave; nothing written. */
export const previewRates = (csv: string) =>
  postCsv("/exchange-rates/import/preview", ratesPreviewSchema, csv);

/** Writes every row of the CSV, or none. */
export const importRates = (csv: string) =>
  postCsv("/exchange-rates/import", importResultSchema, csv);
