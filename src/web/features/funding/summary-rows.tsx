import { Anchor } from "@mantine/core";
import { Link } from "react-router";
import type { RollupDimension } from "../../../contracts/enums.ts";
import { financeTypeNames, isFinanceType } from "../../../contracts/finance-types.ts";
import type { FundingMeasures, FundingRow } from "../../api/schemas.ts";
import type { Formatters } from "../../i18n/format.ts";
import type { MessageKey, Translate } from "../../i18n/i18n.tsx";
import { measureColors } from "../../ui/Chart.tsx";
import type { Column } from "../../ui/DataTable.tsx";
import { MeasureHelp } from "../../ui/MeasureHelp.tsx";

export type Measure = keyof FundingMeasures;

export const measureLabels: Record<Measure, MessageKey> = {
  budget: "measure.budget",
  offered: "measure.offered",
  announced: "measure.announced",
  committed: "measure.committed",
  committed_not_allocated: "measure.committedNotAllocated",
  disbursed: "measure.disbursed",
  announced_not_committed: "measure.announcedNotCommitted",
  coverage_pct: "measure.coverage",
  gap: "measure.gap",
};

/** Each measure's definition, worded as docs/MEASURES.md (a test keeps them the same). */
export const measureDefinitions: Record<Measure, MessageKey> = {
  budget: "measureDefinition.budget",
  offered: "measureDefinition.offered",
  announced: "measureDefinition.announced",
  committed: "measureDefinition.committed",
  committed_not_allocated: "measureDefinition.committed_not_allocated",
  disbursed: "measureDefinition.disbursed",
  announced_not_committed: "measureDefinition.announced_not_committed",
  coverage_pct: "measureDefinition.coverage_pct",
  gap: "measureDefinition.gap",
};

/** The help icon with a measure's definition, beside its heading or headline figure. */
export function measureHelp(measure: Measure, t: Translate) {
  return (
    <MeasureHelp measure={t(measureLabels[measure])} definition={t(measureDefinitions[measure])} />
  );
}

export const measureColor: Partial<Record<Measure, string>> = {
  budget: measureColors.budget,
  announced: measureColors.announced,
  committed: measureColors.committed,
  committed_not_allocated: measureColors.committed,
  disbursed: measureColors.disbursed,
  gap: measureColors.gap,
  announced_not_committed: measureColors.gap,
};

/**
 * A row of the table: a roll-up row (a group, or the remainder: support given to no
 * initiative), or the roll-up's own total, which is their sum and is never re-summed here.
 */
export type SummaryTableRow = FundingMeasures & {
  key?: FundingRow["key"];
  remainder?: FundingRow["remainder"];
  isTotal?: boolean;
};

export function rowLabel(
  row: SummaryTableRow,
  dimension: RollupDimension,
  pick: (names: { es: string | null; en: string | null } | null | undefined) => string,
  fmt: Formatters,
  t: Translate,
): string {
  if (row.isTotal) return t("table.total");
  const key = row.key;
  if (row.remainder === "not_allocated_to_component") return t("table.notAllocatedToComponent");
  if (row.remainder) {
    // By component, the remainder keeps the component the support was given to.
    const component = dimension === "component" ? key?.component : null;
    return component
      ? t("table.notAllocatedIn", { name: `${component.code} · ${pick(component.name)}` })
      : t("table.notAllocated");
  }
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
    case "finance_type":
      return financeTypeLabel(key?.finance_type ?? null, pick, t);
  }
}

/** "110 · Standard grant"; an entry that states none is "Not stated". */
export function financeTypeLabel(
  code: string | null,
  pick: (names: { es: string | null; en: string | null } | null | undefined) => string,
  t: Translate,
): string {
  if (code === null || !isFinanceType(code)) return t("finance.notStated");
  return `${code} · ${pick(financeTypeNames[code])}`;
}

export function rowLink(row: SummaryTableRow, dimension: RollupDimension): string | null {
  const key = row.key;
  if (row.isTotal || row.remainder || !key) return null;
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
      if (to)
        return (
          <Anchor component={Link} to={to} size="sm">
            {label(row)}
          </Anchor>
        );
      const help =
        row.remainder === "not_allocated_to_component"
          ? "table.notAllocatedToComponentHelp"
          : row.remainder
            ? "table.notAllocatedHelp"
            : row.isTotal
              ? "table.totalHelp"
              : null;
      return help ? (
        <>
          {label(row)}
          <MeasureHelp measure={label(row)} definition={t(help)} />
        </>
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
        help: measureHelp(measure, t),
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
