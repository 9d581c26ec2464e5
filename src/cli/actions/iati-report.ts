import type { ActivityReport, ValidationReport } from "../../modules/iati/index.ts";

/** A validation report as lines "FILE:LINE: [kind] message (activity …)", then the verdict. */
export function renderReport(file: string, report: ValidationReport): string {
  const lines = report.fileProblems.map((p) => `${file}:${p.line}: [${p.kind}] ${p.message}`);
  const activityLine = (a: ActivityReport) =>
    a.problems.map(
      (p) =>
        `${file}:${p.line}: [${p.kind}] ${p.message} (activity ${a.identifier ?? `at line ${a.line}`})`,
    );
  lines.push(...report.activities.flatMap(activityLine));
  const verdict = report.valid
    ? `${file}: valid IATI ${report.version}: ${report.activityCount} activities, ${report.transactionCount} transactions.`
    : `${file}: ${report.problemCount} problem(s) in ${report.activities.length} of ${report.activityCount} activities (IATI ${report.version}).`;
  return `${[...lines, verdict].join("\n")}\n`;
}
