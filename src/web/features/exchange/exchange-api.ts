import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { z } from "zod/mini";
import type { User } from "../../../contracts/accounts.ts";
import { reconciliationSchema } from "../../../contracts/reconciliation.ts";
import { type WorkbookPlan, workbookPlanSchema } from "../../../contracts/spreadsheets.ts";
import { api, toQueryString } from "../../api/client.ts";

/** The workbook in the reader's language (sheets, headers, notes, drop-down lists). */
export const workbookUrl = (lang: "es" | "en") => `/api/spreadsheets/portfolio.xlsx?lang=${lang}`;

/** The roles the spreadsheet routes admit (their access rule); the API decides again. */
export const mayUseSpreadsheets = (user: User) =>
  user.role === "partner" || user.role === "secretariat" || user.role === "admin";

/**
 * Sends the workbook as multipart/form-data (field "file"): to preview it, or to apply it as
 * previewed (`planHash`).
 */
export function sendWorkbook(options: {
  file: File;
  planHash?: string;
  /** Reverse the standing support entries the sheet left out (the uploader's own). */
  removeMissing?: boolean;
}): Promise<WorkbookPlan> {
  const form = new FormData();
  form.append("file", options.file, options.file.name);
  const removeMissing = options.removeMissing ? "true" : undefined;
  const path = options.planHash
    ? `/spreadsheets/apply${toQueryString({ remove_missing: removeMissing, plan_hash: options.planHash })}`
    : `/spreadsheets/preview${toQueryString({ remove_missing: removeMissing })}`;
  return api.postForm(path, workbookPlanSchema, form);
}

const publicationSchema = z.object({
  publisher_ref: z.string(),
  partner_id: z.string(),
  file_name: z.string(),
  activity_count: z.number(),
  transaction_count: z.number(),
  linked_count: z.number(),
  imported_at: z.string(),
});
export type Publication = z.infer<typeof publicationSchema>;

export interface ReconciliationQuery {
  threshold: string;
  partner: string[];
}

/** The threshold the API takes: a USD amount with at most two decimals. */
export const THRESHOLD_PATTERN = /^\d{1,15}(\.\d{1,2})?$/;
export const DEFAULT_THRESHOLD = "1.00";

export const useReconciliation = (query: ReconciliationQuery) =>
  useQuery({
    queryKey: ["reconciliation", query],
    queryFn: () => api.get("/reconciliation", reconciliationSchema, { ...query }),
    placeholderData: keepPreviousData,
  });

export const reconciliationCsvUrl = (query: ReconciliationQuery) =>
  `/api/reconciliation.csv${toQueryString({ ...query })}`;

export const usePublications = () =>
  useQuery({
    queryKey: ["iati-publications"],
    queryFn: () => api.get("/iati/publications", z.object({ data: z.array(publicationSchema) })),
  });
