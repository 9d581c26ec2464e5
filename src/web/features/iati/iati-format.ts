import type { MessageKey, Translate } from "../../i18n/i18n.tsx";
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

/**
 * A problem in the reader's language: its code's sentence from the catalog (`iatiProblem.<code>`)
 * filled with its values (numbers in the reader's format) and its line. A report stored before
 * problems had codes, a code newer than this page, or values missing a placeholder read as the
 * server's English message. A schema problem's sentence is a translated lead followed by the
 * validator's (libxml2's) own English text: no catalog can follow every schema message.
 */
export function problemMessage(
  problem: IatiProblem,
  t: Translate,
  number: (value: number) => string,
): string {
  if (!problem.code) return problem.message;
  const key = `iatiProblem.${problem.code}` as MessageKey;
  const template = t(key);
  if (template === key) return problem.message;
  const vars: Record<string, string> = { line: number(problem.line) };
  for (const [name, value] of Object.entries(problem.values ?? {}))
    vars[name] = typeof value === "number" ? number(value) : value;
  // Checked on the template, not the result: a schema text may itself hold {namespace} braces.
  for (const [, name] of template.matchAll(/\{(\w+)\}/g))
    if (name === undefined || !(name in vars)) return problem.message;
  return t(key, vars);
}

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
