import type { EChartsCoreOption } from "echarts/core";
import type { Formatters } from "../../i18n/format.ts";
import { TOOLTIP_CLASS } from "../../ui/chart-options.ts";
import { tooltipHtml } from "../../ui/chart-tooltip.ts";

const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
/** Distinguishable on white and for common colour blindness (Okabe–Ito, then two more). */
export const lineColors = [
  "#8b2c4d",
  "#0072b2",
  "#e69f00",
  "#009e73",
  "#cc79a7",
  "#56b4e9",
  "#d55e00",
  "#475569",
  "#1f5fa8",
];

export interface YearLine {
  name: string;
  /** Decimal strings; null is a gap, drawn as a break. */
  values: (string | null)[];
  dashed?: boolean;
  color?: string;
}

interface TooltipParam {
  seriesName: string;
  marker: string;
  name: string;
  data: { value: number | null; text: string };
}

/**
 * Several lines over the same years: one per source, per country, or target against actual.
 * Gaps stay gaps (connectNulls off); the tooltip shows each exact value, formatted.
 */
export function yearLines({
  years,
  lines,
  unit,
  fmt,
}: {
  years: number[];
  lines: YearLine[];
  unit: string;
  fmt: Formatters;
}): EChartsCoreOption {
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, fontSize: 12 },
    color: lines.map((line, i) => line.color ?? lineColors[i % lineColors.length] ?? "#475569"),
    legend: {
      top: 0,
      left: 0,
      type: "scroll",
      textStyle: { color: "#334155", width: 260, overflow: "truncate" },
    },
    grid: { left: 8, right: 16, top: lines.length > 1 ? 44 : 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "axis",
      className: TOOLTIP_CLASS,
      formatter: (params: TooltipParam[]) =>
        tooltipHtml(
          params[0]?.name,
          params
            .filter((p) => p.data.value !== null)
            .map((p) => ({ marker: p.marker, label: p.seriesName, value: p.data.text })),
        ),
    },
    xAxis: { type: "category", data: years.map(String), axisLabel: { color: "#334155" } },
    yAxis: {
      type: "value",
      name: unit,
      nameTextStyle: { color: "#475569", align: "left" },
      axisLabel: { color: "#475569" },
      splitLine: { lineStyle: { color: "#e2e8f0" } },
    },
    series: lines.map((line) => ({
      type: "line",
      name: line.name,
      connectNulls: false,
      symbolSize: 7,
      lineStyle: { width: 2.5, ...(line.dashed ? { type: "dashed" } : {}) },
      data: line.values.map((value) => ({
        value: value === null ? null : Number(value),
        text: value === null ? "—" : fmt.number(value),
      })),
    })),
  };
}
