import { SimpleGrid } from "@mantine/core";
import { financeKindOf, financeTypes } from "../../../contracts/finance-types.ts";
import { type SummaryFilters, useFundingSummary } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { measureColors } from "../../ui/Chart.tsx";
import { MeasureHelp } from "../../ui/MeasureHelp.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { StatCard } from "../../ui/StatCard.tsx";

/** The codes of one kind, as the roll-up's finance_type filter takes them: "110,210". */
const codesOf = (kind: "grant" | "loan") =>
  financeTypes.filter((code) => financeKindOf(code) === kind).join(",");

/**
 * The headline figures split into grants and loans: each card is the roll-up's own total for
 * the finance types of its kind (a filter of summarizeFunding), never re-added here.
 */
export function FinanceSplit({ filters = {} }: { filters?: SummaryFilters }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <KindCard kind="grant" filters={filters} />
      <KindCard kind="loan" filters={filters} />
    </SimpleGrid>
  );
}

function KindCard({ kind, filters }: { kind: "grant" | "loan"; filters: SummaryFilters }) {
  const { t, fmt } = useI18n();
  const query = useFundingSummary([], { ...filters, finance_type: codesOf(kind) });
  return (
    <QueryState query={query}>
      {(summary) => (
        <StatCard
          label={t(kind === "grant" ? "finance.grant" : "finance.loan")}
          value={fmt.money(summary.total.announced, summary.currency)}
          hint={t("finance.kindFigures", {
            announced: fmt.money(summary.total.announced, summary.currency),
            committed: fmt.money(summary.total.committed, summary.currency),
            disbursed: fmt.money(summary.total.disbursed, summary.currency),
          })}
          accent={kind === "grant" ? measureColors.committed : measureColors.announced}
          testId={`kpi-${kind}s`}
          help={
            <MeasureHelp measure={t("dimension.finance_type")} definition={t("finance.typeHelp")} />
          }
        />
      )}
    </QueryState>
  );
}
