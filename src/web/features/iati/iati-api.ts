import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { z } from "zod/mini";
import { ApiError, api, readAnswer, requestHeaders, toQueryString } from "../../api/client.ts";
import { namesSchema } from "../../api/schemas.ts";

/**
 * The IATI import and link shapes the pages read (IatiImportJob and friends in the OpenAPI).
 * A problem's `code` is a plain string here: a report stored before codes existed has none,
 * and a code newer than this page is not refused; both read as the English `message`.
 */
const problemSchema = z.object({
  line: z.number(),
  kind: z.enum(["data", "rule", "schema", "rate"]),
  message: z.string(),
  code: z.optional(z.string()),
  values: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
});
export type IatiProblem = z.infer<typeof problemSchema>;
const activityReportSchema = z.object({
  identifier: z.nullable(z.string()),
  line: z.number(),
  endLine: z.number(),
  problems: z.array(problemSchema),
});
export type ActivityReport = z.infer<typeof activityReportSchema>;

const summaryCounts = {
  status: z.enum(["imported", "unchanged", "dry_run"]),
  file: z.string(),
  publisher: z.nullable(z.string()),
  version: z.nullable(z.string()),
  activities: z.number(),
  transactions: z.number(),
  budgets: z.number(),
  skipped: z.number(),
  linked: z.number(),
  missingRates: z.number(),
  flowsRecorded: z.number(),
  flowsReversed: z.number(),
  partnerCreated: z.boolean(),
  problemCount: z.number(),
};
const validationCounts = {
  valid: z.boolean(),
  problemCount: z.number(),
  activityCount: z.number(),
  transactionCount: z.number(),
};
const jobFields = {
  id: z.string(),
  file: z.string(),
  dryRun: z.boolean(),
  status: z.enum(["running", "succeeded", "failed"]),
  phase: z.nullable(z.enum(["validating", "importing"])),
  bytesRead: z.number(),
  totalBytes: z.number(),
  error: z.nullable(z.object({ code: z.string(), message: z.string() })),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.nullable(z.string()),
};

export const importJobSchema = z.object({
  ...jobFields,
  summary: z.nullable(z.object({ ...summaryCounts, problems: z.array(activityReportSchema) })),
  validation: z.nullable(
    z.object({
      ...validationCounts,
      version: z.nullable(z.string()),
      fileProblems: z.array(problemSchema),
      activities: z.array(activityReportSchema),
    }),
  ),
});
export type ImportJob = z.infer<typeof importJobSchema>;

const jobListItemSchema = z.object({
  ...jobFields,
  summary: z.nullable(z.object(summaryCounts)),
  validation: z.nullable(z.object(validationCounts)),
});
export type ImportJobListItem = z.infer<typeof jobListItemSchema>;
const pageSchema = z.object({ total: z.number(), limit: z.number(), offset: z.number() });
const jobListSchema = z.object({ data: z.array(jobListItemSchema), page: pageSchema });

const importedActivitySchema = z.object({
  iati_identifier: z.string(),
  publisher_ref: z.string(),
  title: namesSchema,
  transaction_count: z.number(),
  initiative: z.nullable(z.object({ id: z.string(), code: z.string() })),
  link_source: z.nullable(z.enum(["mapping", "related-activity", "other-identifier"])),
});
export type ImportedActivity = z.infer<typeof importedActivitySchema>;
const activityListSchema = z.object({ data: z.array(importedActivitySchema), page: pageSchema });

const linkSchema = z.object({
  iati_identifier: z.string(),
  initiative_id: z.string(),
  initiative_code: z.string(),
  created_by: z.string(),
  created_at: z.string(),
});
export type ActivityLink = z.infer<typeof linkSchema>;
const linkResultSchema = z.object({
  relinked: z.number(),
  recorded: z.number(),
  reversed: z.number(),
});
export type LinkResult = z.infer<typeof linkResultSchema>;

export const HISTORY_PAGE = 10;
export const ACTIVITY_PAGE = 25;

export const useImportJobs = (offset: number) =>
  useQuery({
    queryKey: ["iati-imports", offset],
    queryFn: () => api.get("/iati/imports", jobListSchema, { limit: HISTORY_PAGE, offset }),
    placeholderData: keepPreviousData,
    // Someone else's job may be running: its row follows its progress.
    refetchInterval: (query) =>
      query.state.data?.data.some((job) => job.status === "running") ? 3000 : false,
  });

export const importJobKey = (id: string) => ["iati-import", id] as const;

/** One job with its report; while it runs, its events keep this entry current (job-events.ts). */
export const useImportJob = (id: string) =>
  useQuery({
    queryKey: importJobKey(id),
    queryFn: () => api.get(`/iati/imports/${encodeURIComponent(id)}`, importJobSchema),
    staleTime: Number.POSITIVE_INFINITY,
  });

export interface ActivityQuery {
  q?: string | undefined;
  linked?: "true" | "false" | undefined;
  offset: number;
}

export const useImportedActivities = (query: ActivityQuery) =>
  useQuery({
    queryKey: ["iati-activities", query],
    queryFn: () =>
      api.get("/iati/activities", activityListSchema, { ...query, limit: ACTIVITY_PAGE }),
    placeholderData: keepPreviousData,
  });

export const useActivityLinks = () =>
  useQuery({
    queryKey: ["iati-links"],
    queryFn: () => api.get("/iati/links", z.object({ data: z.array(linkSchema) })),
  });

/**
 * Uploads a file as a new import job (202 once the server has the file; progress then follows
 * over SSE). XMLHttpRequest rather than fetch, for its upload progress events: `onProgress`
 * gets the bytes sent of the request's body. Errors are ApiError, as in the JSON client.
 */
export function uploadIatiFile(options: {
  file: File;
  dryRun: boolean;
  onProgress?: (sent: number, total: number) => void;
}): Promise<ImportJob> {
  const form = new FormData();
  form.append("file", options.file, options.file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/iati/imports${toQueryString({ dry_run: options.dryRun })}`);
    for (const [name, value] of Object.entries(requestHeaders("POST")))
      xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
    };
    xhr.onload = () => {
      try {
        resolve(readAnswer(xhr.status, xhr.statusText, xhr.responseText, importJobSchema));
      } catch (error) {
        reject(error);
      }
    };
    const failed = () => reject(new ApiError(0, "network", "The upload did not reach the server"));
    xhr.onerror = failed;
    xhr.onabort = failed;
    xhr.ontimeout = failed;
    xhr.send(form);
  });
}

/** Maps an activity to an initiative (id or code), or removes its mapping (null). */
export function saveActivityLink(options: { identifier: string; initiative: string | null }) {
  const path = `/iati/links/${encodeURIComponent(options.identifier)}`;
  return options.initiative === null
    ? api.delete(path, linkResultSchema)
    : api.put(path, linkResultSchema, { initiative: options.initiative });
}
