import type { Translate } from "../../i18n/i18n.tsx";
import type { IatiProblem, ImportJob, ImportJobListItem } from "./iati-api.ts";

/** A file size in the reader's language: 850 kB, 12.4 MB / 12,4 MB. */
export function fileSize(bytes: number, locale: string): string {
  const [value, unit] =
    bytes >= 1_000_000
      ? [bytes / 1_000_000, "megabyte"]
      : bytes >= 1000
        ? [bytes / 1000, "kilobyte"]
        : [bytes, "byte"];
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit,
    maximumFractionDigits: 1,
  }).format(value);
}

/** Whole percent of the file read in the current phase. */
export const percentRead = (job: Pick<ImportJob, "bytesRead" | "totalBytes">) =>
  job.totalBytes > 0 ? Math.min(100, Math.floor((job.bytesRead / job.totalBytes) * 100)) : 0;

/** Schema errors and data errors stop or skip; rules and missing rates are warnings. */
export const severityOf = (kind: IatiProblem["kind"]): "error" | "warning" =>
  kind === "schema" || kind === "data" ? "error" : "warning";

export type JobOutcome = "running" | "succeeded" | "failed" | "interrupted";

export const outcomeOf = (job: Pick<ImportJobListItem, "status" | "error">): JobOutcome =>
  job.status === "failed" && job.error?.code === "interrupted" ? "interrupted" : job.status;

/** Tinted background, dark text (7:1 and more), like the initiatives' status badges. */
export const outcomeColors: Record<JobOutcome, { bg: string; fg: string }> = {
  running: { bg: "#e1ecfa", fg: "#123f7a" },
  succeeded: { bg: "#dff3e6", fg: "#1d5b33" },
  failed: { bg: "#fbe2e2", fg: "#8c1c1c" },
  interrupted: { bg: "#fff4d6", fg: "#6b4a00" },
};

export const outcomeLabel = (t: Translate, outcome: JobOutcome) =>
  t(
    outcome === "running"
      ? "iati.status.running"
      : outcome === "succeeded"
        ? "iati.status.succeeded"
        : outcome === "failed"
          ? "iati.status.failed"
          : "iati.status.interrupted",
  );
