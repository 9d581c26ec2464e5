import { Stack, Tabs } from "@mantine/core";
import { useMemo } from "react";
import type { RollupDimension } from "../../../contracts/enums.ts";
import { type SummaryFilters, useFundingSummary } from "../../api/queries.ts";
import type { FundingSummary } from "../../api/schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { Chart } from "../../ui/Chart.tsx";
import { measureBars } from "../../ui/chart-options.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { FigureFacts, useFundingFacts } from "../../ui/FigureFacts.tsx";
import { Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import {
  type Measure,
  measureColor,
  measureLabels,
  rowLabel,
  type SummaryTableRow,
  summaryColumns,
} from "./summary-rows.tsx";

/** The money an initiative needs and what it got, drawn as bars. */
export const budgetBars: Measure[] = ["budget", "committed", "disbursed"];
/** What arrived of what was announced, drawn as bars. */
export const arrivalBars: Measure[] = ["announced", "committed", "disbursed"];
/** A table of initiatives' funding: budget, each step of the money, coverage and gap. */
export const fundingColumns: Measure[] = [
  "budget",
  "announced",
  "committed",
  "disbursed",
  "coverage_pct",
  "gap",
];

interface BreakdownProps {
  dimension: RollupDimension;
  title: string;
  description?: string;
  filters?: SummaryFilters;
  /** Measures drawn as bars. */
  chartMeasures: Measure[];
  /** Measures listed in the table (and its downloads). */
  tableMeasures: Measure[];
  fileName: string;
  horizontal?: boolean;
  id: string;
}

/** One roll-up dimension as a chart and as a downloadable table with the roll-up's total. */
export function SummaryBreakdown(props: BreakdownProps) {
  const query = useFundingSummary([props.dimension], props.filters ?? {});
  return (
    <Section title={props.title} description={props.description} id={props.id}>
      <QueryState query={query}>
        {(summary) => (
          <BreakdownBody {...props} summary={summary} updatedAt={query.dataUpdatedAt} />
        )}
      </QueryState>
    </Section>
  );
}

function BreakdownBody({
  summary,
  dimension,
  chartMeasures,
  tableMeasures,
  fileName,
  horizontal,
  title,
  id,
  updatedAt,
}: BreakdownProps & { summary: FundingSummary; updatedAt: number }) {
  const { t, fmt } = useI18n();
  const facts = useFundingFacts(updatedAt);
  const pick = usePick();
  const label = (row: SummaryTableRow) => rowLabel(row, dimension, pick, fmt, t);
  const rows: SummaryTableRow[] = summary.rows;
  // The measures as a string, so that a new array with the same measures keeps the chart.
  const measuresKey = chartMeasures.join(",");
  const option = useMemo(
    () =>
      measureBars({
        categories: summary.rows.map((row) => rowLabel(row, dimension, pick, fmt, t)),
        series: (measuresKey.split(",") as Measure[]).map((measure) => ({
          name: t(measureLabels[measure]),
          color: measureColor[measure] ?? "#1f5fa8",
          values: summary.rows.map((row) => row[measure]),
        })),
        fmt,
        horizontal: horizontal ?? false,
        currency: summary.currency,
      }),
    [summary, dimension, measuresKey, horizontal, pick, fmt, t],
  );
  const chartHeight = horizontal ? Math.max(260, summary.rows.length * 34 + 60) : 340;
  return (
    <Tabs defaultValue="chart" keepMounted={false}>
      <Tabs.List mb="sm">
        <Tabs.Tab value="chart" id={`${id}-chart-tab`}>
          {t("view.chart")}
        </Tabs.Tab>
        <Tabs.Tab value="table" id={`${id}-table-tab`}>
          {t("view.table")}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="chart">
        <Stack gap="xs">
          <Chart option={option} height={chartHeight} label={t("chart.describe", { title })} />
          <FigureFacts {...facts} testId={`${id}-facts`} />
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="table">
        <DataTable
          caption={title}
          fileName={fileName}
          rows={rows}
          rowKey={(row) => JSON.stringify(row.key ?? {})}
          footer={{ ...summary.total, isTotal: true }}
          rowClassName={(row) => (row.remainder ? "remainder-row" : undefined)}
          columns={summaryColumns({
            dimension,
            measures: tableMeasures,
            label,
            fmt,
            t,
            currency: summary.currency,
          })}
        />
      </Tabs.Panel>
    </Tabs>
  );
}
