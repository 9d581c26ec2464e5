import { Anchor } from "@mantine/core";
import { Link } from "react-router";
import type { RollupDimension } from "../../../contracts/enums.ts";
import type { FundingMeasures, FundingRow } from "../../api/schemas.ts";
import type { Formatters } from "../../i18n/format.ts";
import type { MessageKey, Translate } from "../../i18n/i18n.tsx";
import { measureColors } from "../../ui/Chart.tsx";
import type { Column } from "../../ui/DataTable.tsx";

export type Measure = keyof FundingMeasures;

export const measureLabels: Record<Measure, MessageKey> = {
  budget: "measure.budget",
  offered: "measure.offered",
  announced: "measure.announced",
  committed: "measure.committed",
  disbursed: "measure.disbursed",
  announced_not_committed: "measure.announcedNotCommitted",
  coverage_pct: "measure.coverage",
  gap: "measure.gap",
};

export const measureColor: Partial<Record<Measure, string>> = {
  budget: measureColors.budget,
  announced: measureColors.announced,
  committed: measureColors.committed,
  disbursed: measureColors.disbursed,
  gap: measureColors.gap,
  announced_not_committed: measureColors.gap,
};

/** A row of the table: a roll-up row, or the roll-up's own total (never re-summed here). */
export type SummaryTableRow = FundingMeasures & { key?: FundingRow["key"]; isTotal?: boolean };

export function rowLabel(
  row: SummaryTableRow,
  dimension: RollupDimension,
  pick: (names: { es: string | null; en: string | null } | null | undefined) => string,
  fmt: Formatters,
  t: Translate,
): string {
  if (row.isTotal) return t("table.total");
  const key = row.key;
  switch (dimension) {
    case "component":
      return key?.component
        ? `${key.component.code} · ${pick(key.component.name)}`
        : t("table.unallocated");
    case "country":
      return key?.country ? fmt.country(key.country) : t("table.unallocated");
    case "partner":
      return key?.partner ? pick(key.partner.name) : t("table.unallocated");
    case "year":
      return key?.year ? String(key.year) : t("table.unallocated");
    case "initiative":
      return key?.initiative
        ? `${key.initiative.code} · ${pick(key.initiative.title)}`
        : t("table.unallocated");
  }
}

export function rowLink(row: SummaryTableRow, dimension: RollupDimension): string | null {
  const key = row.key;
  if (row.isTotal || !key) return null;
  if (dimension === "component" && key.component) return `/components/${key.component.code}`;
  if (dimension === "country" && key.country) return `/countries/${key.country}`;
  if (dimension === "partner" && key.partner) return `/partners/${key.partner.id}`;
  if (dimension === "initiative" && key.initiative) return `/initiatives/${key.initiative.id}`;
  return null;
}

export function summaryColumns({
  dimension,
  measures,
  label,
  fmt,
  t,
  currency,
}: {
  dimension: RollupDimension;
  measures: Measure[];
  label: (row: SummaryTableRow) => string;
  fmt: Formatters;
  t: Translate;
  currency: string;
}): Column<SummaryTableRow>[] {
  const first: Column<SummaryTableRow> = {
    key: dimension,
    header: t(`dimension.${dimension}`),
    cell: (row) => {
      const to = rowLink(row, dimension);
      return to ? (
        <Anchor component={Link} to={to} size="sm">
          {label(row)}
        </Anchor>
      ) : (
        label(row)
      );
    },
    value: label,
  };
  return [
    first,
    ...measures.map(
      (measure): Column<SummaryTableRow> => ({
        key: measure,
        header:
          measure === "coverage_pct"
            ? t("measure.coveragePct")
            : t("table.inCurrency", { label: t(measureLabels[measure]), currency }),
        kind: "amount",
        cell: (row) => {
          const value = row[measure];
          if (value === null) return "—";
          return measure === "coverage_pct" ? fmt.percent(value) : fmt.money(value, currency);
        },
        value: (row) => row[measure],
      }),
    ),
  ];
}
