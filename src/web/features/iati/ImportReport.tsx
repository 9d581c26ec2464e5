import { Alert, SimpleGrid, Stack, Text } from "@mantine/core";
import { useI18n } from "../../i18n/i18n.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { TintedBadge } from "../../ui/TintedBadge.tsx";
import type { ActivityReport, IatiProblem, ImportJob } from "./iati-api.ts";
import { problemMessage, severityOf } from "./iati-format.ts";

const ACCENT = "#1c5ea8";

interface ProblemRow extends IatiProblem {
  key: string;
  activity: string | null;
  range: string;
}

/** One row per problem, per activity in file order; a dry run's schema check merged in. */
function problemRows(job: ImportJob): ProblemRow[] {
  const byActivity = new Map<string, { report: ActivityReport; seen: Set<string> }>();
  const reports = [...(job.validation?.activities ?? []), ...(job.summary?.problems ?? [])];
  for (const report of reports) {
    const key = `${report.line}:${report.identifier ?? ""}`;
    let entry = byActivity.get(key);
    if (!entry) {
      entry = { report: { ...report, problems: [] }, seen: new Set() };
      byActivity.set(key, entry);
    }
    for (const problem of report.problems) {
      const id = `${problem.line}:${problem.kind}:${problem.message}`;
      if (entry.seen.has(id)) continue;
      entry.seen.add(id);
      entry.report.problems.push(problem);
    }
  }
  const rows: ProblemRow[] = (job.validation?.fileProblems ?? []).map((p, n) => ({
    ...p,
    key: `file:${n}`,
    activity: null,
    range: "",
  }));
  const ordered = [...byActivity.values()].sort((a, b) => a.report.line - b.report.line);
  for (const { report } of ordered)
    report.problems
      .sort((a, b) => a.line - b.line)
      .forEach((p, n) => {
        rows.push({
          ...p,
          key: `${report.line}:${n}`,
          activity: report.identifier,
          range: `${report.line}–${report.endLine}`,
        });
      });
  return rows;
}

type CountKey =
  | "activities"
  | "transactions"
  | "budgets"
  | "linked"
  | "skipped"
  | "missingRates"
  | "flowsRecorded"
  | "flowsReversed"
  | "problems";

function counts(
  summary: NonNullable<ImportJob["summary"]>,
  problems: number,
): [CountKey, number][] {
  return [
    ["activities", summary.activities],
    ["transactions", summary.transactions],
    ["budgets", summary.budgets],
    ["linked", summary.linked],
    ["skipped", summary.skipped],
    ["missingRates", summary.missingRates],
    ["flowsRecorded", summary.flowsRecorded],
    ["flowsReversed", summary.flowsReversed],
    ["problems", problems],
  ];
}

/** What a finished job did (or, in a dry run, would do): its counts, then every problem by line. */
export function ImportReport({ job }: { job: ImportJob }) {
  const { t, fmt } = useI18n();
  const summary = job.summary;
  const rows = problemRows(job);
  const worded = (r: ProblemRow) => problemMessage(r, t, fmt.number);
  const listed = rows.length;
  const total = Math.max(summary?.problemCount ?? 0, job.validation?.problemCount ?? 0, listed);
  const columns: Column<ProblemRow>[] = [
    {
      key: "activity",
      header: t("iati.report.activity"),
      cell: (r) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {r.activity ?? t("iati.report.wholeFile")}
          </Text>
          {r.range ? (
            <Text size="xs" c="dimmed">
              {t("iati.report.lines", { range: r.range })}
            </Text>
          ) : null}
        </Stack>
      ),
      value: (r) => r.activity ?? "",
    },
    {
      key: "line",
      header: t("iati.report.line"),
      kind: "number",
      cell: (r) => fmt.number(r.line),
      value: (r) => r.line,
    },
    {
      key: "severity",
      header: t("iati.report.severity"),
      cell: (r) =>
        severityOf(r.kind) === "error" ? (
          <TintedBadge tint={{ bg: "#fbe2e2", fg: "#8c1c1c" }}>
            {t("iati.severity.error")}
          </TintedBadge>
        ) : (
          <TintedBadge tint={{ bg: "#fff4d6", fg: "#6b4a00" }}>
            {t("iati.severity.warning")}
          </TintedBadge>
        ),
      value: (r) =>
        t(severityOf(r.kind) === "error" ? "iati.severity.error" : "iati.severity.warning"),
    },
    {
      key: "kind",
      header: t("iati.report.kind"),
      cell: (r) => t(`iati.kind.${r.kind}`),
      value: (r) => t(`iati.kind.${r.kind}`),
    },
    {
      key: "message",
      header: t("iati.report.message"),
      cell: worded,
      value: worded,
    },
  ];
  const n = (value: number) => fmt.number(value);
  return (
    <Stack gap="md" data-testid="import-report">
      {summary ? (
        <>
          <Text size="sm">
            {t(`iati.outcome.${summary.status}`, {
              publisher: summary.publisher ?? "—",
              version: summary.version ?? "—",
            })}
            {summary.partnerCreated ? ` ${t("iati.report.partnerCreated")}` : ""}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
            {counts(summary, total).map(([key, value]) => (
              <StatCard
                key={key}
                testId={`count-${key}`}
                label={t(`iati.count.${key}`)}
                value={n(value)}
                accent={ACCENT}
              />
            ))}
          </SimpleGrid>
        </>
      ) : null}
      {job.validation ? (
        <Alert
          color={job.validation.valid ? "green" : "orange"}
          title={t(job.validation.valid ? "iati.validation.valid" : "iati.validation.invalid")}
        >
          {t("iati.validation.body", {
            activities: n(job.validation.activityCount),
            transactions: n(job.validation.transactionCount),
            problems: n(job.validation.problemCount),
          })}
        </Alert>
      ) : null}
      {listed < total ? (
        <Text size="sm" c="dimmed">
          {t("iati.report.truncated", { listed: n(listed), total: n(total) })}
        </Text>
      ) : null}
      {listed > 0 ? (
        <DataTable
          caption={t("iati.report.problems")}
          fileName={`esca-iati-report-${job.id.slice(0, 8)}`}
          rows={rows}
          rowKey={(r) => r.key}
          columns={columns}
          summary={t("iati.report.problemCount", { count: n(listed) })}
        />
      ) : null}
    </Stack>
  );
}
