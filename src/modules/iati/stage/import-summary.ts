import type { ActivityReport } from "../validate/validate-iati-file.ts";

/** What an import did (or, in a dry run, would do), with the problems per activity. */
export interface ImportSummary {
  status: "imported" | "unchanged" | "dry_run";
  file: string;
  sha256: string;
  publisher: string | null;
  version: string | null;
  activities: number;
  transactions: number;
  budgets: number;
  skipped: number;
  linked: number;
  missingRates: number;
  flowsRecorded: number;
  flowsReversed: number;
  partnerCreated: boolean;
  problemCount: number;
  /** Activities with problems, in file order (at most MAX_LISTED). */
  problems: ActivityReport[];
}

/** What a file's activities add up to before any is read (staging counts from here). */
export const noActivitiesRead = () => ({
  publisher: null,
  version: null,
  activities: 0,
  transactions: 0,
  budgets: 0,
  skipped: 0,
  linked: 0,
  missingRates: 0,
  problemCount: 0,
  problems: [] as ActivityReport[],
});

export function emptySummary(file: string, sha256: string): Omit<ImportSummary, "status"> {
  return {
    file,
    sha256,
    ...noActivitiesRead(),
    flowsRecorded: 0,
    flowsReversed: 0,
    partnerCreated: false,
  };
}
