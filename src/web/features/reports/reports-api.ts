import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type ReportFormat,
  type ReportLanguage,
  reportJobSchema,
  reportListSchema,
} from "../../../contracts/reports.ts";
import { api } from "../../api/client.ts";

/** The issued reports, newest first (public). */
export const useReports = () =>
  useQuery({
    queryKey: ["reports"],
    queryFn: () => api.get("/reports", reportListSchema, { limit: 200 }),
  });

export interface ReportRequest {
  language: ReportLanguage;
  format: ReportFormat;
  /** A date (the end of that day, UTC); absent: now. */
  as_of?: string;
}

/** The secretariat asks for a report: a job starts, which useReportJob then follows. */
export function useStartReport() {
  return useMutation({
    mutationFn: (body: ReportRequest) => api.post("/report-jobs", reportJobSchema, body),
  });
}

/** A job's stage, asked again every half second until it is done or failed. */
export function useReportJob(id: string | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ["reports", "jobs", id],
    enabled: id !== null,
    queryFn: async () => {
      const job = await api.get(`/report-jobs/${id}`, reportJobSchema);
      if (job.stage === "done")
        await client.invalidateQueries({ queryKey: ["reports"], exact: true });
      return job;
    },
    refetchInterval: (query) => {
      const stage = query.state.data?.stage;
      return stage === "done" || stage === "failed" ? false : 500;
    },
  });
}
