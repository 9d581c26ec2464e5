import type { EChartsCoreOption } from "echarts/core";
import type { Formatters } from "../i18n/format.ts";
import { tooltipHtml } from "./chart-tooltip.ts";

/** ECharts measures text itself, so it needs a real font stack, not "inherit". */
const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';

/** The class of every chart's tooltip element (tests find it by it). */
export const TOOLTIP_CLASS = "chart-tooltip";

export interface MeasureSeries {
  name: string;
  color: string;
  /** Decimal strings from the API; null where the measure does not apply. */
  values: (string | null)[];
}

/** What ECharts hands a tooltip formatter; every string in it may come from data. */
interface TooltipParam {
  seriesName: string;
  marker: string;
  name: string;
  data: { value: number | null; text: string };
}

/**
 * Bars per category for several measures. Chart geometry needs numbers, so each decimal
 * string becomes a Number for drawing only; the tooltip shows the exact string, formatted.
 */
export function measureBars({
  categories,
  series,
  fmt,
  horizontal = false,
  currency = "USD",
  wrapLabels = false,
}: {
  categories: string[];
  series: MeasureSeries[];
  fmt: Formatters;
  horizontal?: boolean;
  currency?: string;
  /** Long category names wrap onto more lines instead of being cut short. */
  wrapLabels?: boolean;
}): EChartsCoreOption {
  const valueAxis = {
    type: "value",
    splitNumber: horizontal ? 4 : 5,
    axisLabel: {
      hideOverlap: true,
      formatter: (value: number) => fmt.moneyCompact(String(value), currency),
      color: "#475569",
    },
    splitLine: { lineStyle: { color: "#e2e8f0" } },
  };
  // On a phone, category names give way to the bars: codes ("A · …" → "A") or shorter labels.
  const narrow = typeof window !== "undefined" && window.innerWidth < 600;
  const categoryAxis = {
    type: "category",
    data: categories,
    axisLabel: {
      color: "#334155",
      interval: 0,
      width: horizontal ? (narrow ? 96 : 190) : 120,
      ...(narrow && !horizontal
        ? { formatter: (value: string) => value.split(" · ")[0] ?? value }
        : {}),
      overflow: horizontal && !wrapLabels ? "truncate" : "break",
      fontFamily: CHART_FONT,
      lineHeight: 15,
    },
    axisTick: { show: false },
    ...(horizontal ? { inverse: true } : {}),
  };
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, fontSize: 12 },
    color: series.map((s) => s.color),
    legend: {
      top: 0,
      left: 0,
      itemWidth: 12,
      itemHeight: 12,
      itemGap: 16,
      textStyle: { color: "#334155", fontFamily: CHART_FONT },
    },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      className: TOOLTIP_CLASS,
      formatter: (params: TooltipParam[]) =>
        tooltipHtml(
          params[0]?.name ?? "",
          params.map((p) => ({ marker: p.marker, label: p.seriesName, value: p.data.text })),
        ),
    },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: series.map((s) => ({
      name: s.name,
      type: "bar",
      barMaxWidth: 28,
      data: s.values.map((value) => ({
        value: value === null ? null : Number(value),
        text: value === null ? "—" : fmt.money(value, currency),
      })),
    })),
  };
}

/** A line over years, e.g. homicides per 100,000 inhabitants. */
export function yearLine({
  years,
  values,
  name,
  color,
  fmt,
}: {
  years: number[];
  values: string[];
  name: string;
  color: string;
  fmt: Formatters;
}): EChartsCoreOption {
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, fontSize: 12 },
    color: [color],
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "axis",
      className: TOOLTIP_CLASS,
      formatter: (params: TooltipParam[]) =>
        tooltipHtml(
          undefined,
          params.map((p) => ({ label: p.name, value: p.data.text })),
        ),
    },
    xAxis: { type: "category", data: years.map(String), axisLabel: { color: "#334155" } },
    yAxis: {
      type: "value",
      name,
      nameTextStyle: { color: "#475569", align: "left" },
      axisLabel: { color: "#475569" },
      splitLine: { lineStyle: { color: "#e2e8f0" } },
    },
    series: [
      {
        type: "line",
        name,
        symbolSize: 8,
        lineStyle: { width: 3 },
        data: values.map((value) => ({ value: Number(value), text: fmt.number(value) })),
      },
    ],
  };
}
