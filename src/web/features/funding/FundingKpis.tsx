import { SimpleGrid } from "@mantine/core";
import type { FundingMeasures } from "../../api/schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { measureColors } from "../../ui/Chart.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { type Measure, measureHelp } from "./summary-rows.tsx";

/**
 * The headline figures of one roll-up total, exactly as /api/funding/summary gives them,
 * each with its definition beside its label. Budget, coverage and gap exist only where a
 * budget applies (not per partner or year); "committed, not yet allocated" shows when some
 * support went to no initiative, since it is in committed but in nobody's gap.
 */
export function FundingKpis({ total, currency }: { total: FundingMeasures; currency: string }) {
  const { t, fmt } = useI18n();
  const money = (value: string | null) => (value === null ? "—" : fmt.money(value, currency));
  const cards = [
    total.budget !== null && {
      key: "budget",
      measure: "budget" as Measure,
      label: t("measure.budget"),
      value: money(total.budget),
      hint: t("measure.budgetHint"),
      accent: measureColors.budget,
    },
    {
      key: "announced",
      measure: "announced" as Measure,
      label: t("measure.announced"),
      value: money(total.announced),
      hint: t("measure.announcedHint"),
      accent: measureColors.announced,
    },
    {
      key: "committed",
      measure: "committed" as Measure,
      label: t("measure.committed"),
      value: money(total.committed),
      hint: t("measure.committedHint"),
      accent: measureColors.committed,
    },
    {
      key: "disbursed",
      measure: "disbursed" as Measure,
      label: t("measure.disbursed"),
      value: money(total.disbursed),
      hint: t("measure.disbursedHint"),
      accent: measureColors.disbursed,
    },
    total.coverage_pct !== null && {
      key: "coverage",
      measure: "coverage_pct" as Measure,
      label: t("measure.coverage"),
      value: fmt.percent(total.coverage_pct),
      hint: t("measure.coverageHint"),
      accent: measureColors.committed,
      progress: Number(total.coverage_pct),
    },
    total.gap !== null && {
      key: "gap",
      measure: "gap" as Measure,
      label: t("measure.gap"),
      value: money(total.gap),
      hint: t("measure.gapHint"),
      accent: measureColors.gap,
    },
    total.committed_not_allocated !== "0.00" && {
      key: "committed-not-allocated",
      measure: "committed_not_allocated" as Measure,
      label: t("measure.committedNotAllocated"),
      value: money(total.committed_not_allocated),
      hint: t("measure.committedNotAllocatedHint"),
      accent: measureColors.committed,
    },
    total.budget === null &&
      total.announced_not_committed !== null && {
        key: "announced-not-committed",
        measure: "announced_not_committed" as Measure,
        label: t("measure.announcedNotCommitted"),
        value: money(total.announced_not_committed),
        hint: t("measure.announcedNotCommittedHint"),
        accent: measureColors.gap,
      },
  ].filter((card) => card !== false);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
      {cards.map((card) => (
        <StatCard
          key={card.key}
          label={card.label}
          value={card.value}
          hint={card.hint}
          accent={card.accent}
          progress={"progress" in card ? card.progress : undefined}
          testId={`kpi-${card.key}`}
          help={measureHelp(card.measure, t)}
        />
      ))}
    </SimpleGrid>
  );
}
