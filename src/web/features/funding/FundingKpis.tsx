import { SimpleGrid } from "@mantine/core";
import type { FundingMeasures } from "../../api/schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { measureColors } from "../../ui/Chart.tsx";
import { StatCard } from "../../ui/StatCard.tsx";

/**
 * The headline figures of one roll-up total, exactly as /api/funding/summary gives them.
 * Budget, coverage and gap exist only where a budget applies (not per partner or year).
 */
export function FundingKpis({ total, currency }: { total: FundingMeasures; currency: string }) {
  const { t, fmt } = useI18n();
  const money = (value: string | null) => (value === null ? "—" : fmt.money(value, currency));
  const cards = [
    total.budget !== null && {
      key: "budget",
      label: t("measure.budget"),
      value: money(total.budget),
      hint: t("measure.budgetHint"),
      accent: measureColors.budget,
    },
    {
      key: "announced",
      label: t("measure.announced"),
      value: money(total.announced),
      hint: t("measure.announcedHint"),
      accent: measureColors.announced,
    },
    {
      key: "committed",
      label: t("measure.committed"),
      value: money(total.committed),
      hint: t("measure.committedHint"),
      accent: measureColors.committed,
    },
    {
      key: "disbursed",
      label: t("measure.disbursed"),
      value: money(total.disbursed),
      hint: t("measure.disbursedHint"),
      accent: measureColors.disbursed,
    },
    total.coverage_pct !== null && {
      key: "coverage",
      label: t("measure.coverage"),
      value: fmt.percent(total.coverage_pct),
      hint: t("measure.coverageHint"),
      accent: measureColors.committed,
      progress: Number(total.coverage_pct),
    },
    total.gap !== null && {
      key: "gap",
      label: t("measure.gap"),
      value: money(total.gap),
      hint: t("measure.gapHint"),
      accent: measureColors.gap,
    },
    total.budget === null && {
      key: "announced-not-committed",
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
        />
      ))}
    </SimpleGrid>
  );
}
