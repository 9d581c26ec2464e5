import { Grid } from "@mantine/core";
import { useMemo } from "react";
import { useFundingSummary } from "../../api/queries.ts";
import type { FundingSummary } from "../../api/schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { Chart } from "../../ui/Chart.tsx";
import { measureBars } from "../../ui/chart-options.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { FigureFacts, useFundingFacts } from "../../ui/FigureFacts.tsx";
import { Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { arrivalBars } from "../funding/SummaryBreakdown.tsx";
import {
  type Measure,
  measureColor,
  measureLabels,
  rowLabel,
  type SummaryTableRow,
  summaryColumns,
} from "../funding/summary-rows.tsx";

const tableMeasures: Measure[] = [
  "offered",
  "announced",
  "committed",
  "disbursed",
  "announced_not_committed",
];

/**
 * Every partner of the roll-up (summarizeFunding by partner) as a table, full names and all,
 * with the roll-up's own total (the sum of the rows, and of any remainder row it names), and
 * the same rows drawn beside it.
 */
export function PartnersFunding() {
  const { t } = useI18n();
  const query = useFundingSummary(["partner"]);
  return (
    <Section title={t("partners.tableTitle")} description={t("partners.tableHelp")} id="partners">
      <QueryState query={query}>
        {(summary) => <PartnersBody summary={summary} updatedAt={query.dataUpdatedAt} />}
      </QueryState>
    </Section>
  );
}

function PartnersBody({ summary, updatedAt }: { summary: FundingSummary; updatedAt: number }) {
  const { t, fmt } = useI18n();
  const facts = useFundingFacts(updatedAt);
  const pick = usePick();
  const label = (row: SummaryTableRow) => rowLabel(row, "partner", pick, fmt, t);
  const title = t("partners.chartTitle");
  const option = useMemo(
    () =>
      measureBars({
        categories: summary.rows.map((row) => rowLabel(row, "partner", pick, fmt, t)),
        series: arrivalBars.map((measure) => ({
          name: t(measureLabels[measure]),
          color: measureColor[measure] ?? "#1f5fa8",
          values: summary.rows.map((row) => row[measure]),
        })),
        fmt,
        horizontal: true,
        wrapLabels: true,
        currency: summary.currency,
      }),
    [summary, pick, fmt, t],
  );
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <div data-testid="partners-table">
          <DataTable
            caption={t("partners.tableTitle")}
            fileName="esca-partners"
            rows={summary.rows}
            rowKey={(row) => JSON.stringify(row.key ?? {})}
            footer={{ ...summary.total, isTotal: true }}
            rowClassName={(row) => (row.remainder ? "remainder-row" : undefined)}
            columns={summaryColumns({
              dimension: "partner",
              measures: tableMeasures,
              label,
              fmt,
              t,
              currency: summary.currency,
            })}
          />
        </div>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Chart
          option={option}
          height={Math.max(300, summary.rows.length * 48 + 60)}
          label={t("chart.describe", { title })}
        />
        <FigureFacts {...facts} />
      </Grid.Col>
    </Grid>
  );
}
