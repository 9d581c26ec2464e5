import * as echarts from "echarts";

/** A chart as data: each format draws it from this (SVG through ECharts; a raster for Word). */
export type ChartSpec =
  | {
      kind: "bar";
      title: string;
      categories: string[];
      series: Array<{ name: string; values: number[] }>;
    }
  | {
      kind: "line";
      title: string;
      categories: string[];
      series: Array<{ name: string; values: Array<number | null> }>;
    };

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;
/** The palette of both renderings, so the SVG and its raster fallback agree. */
export const CHART_COLORS = [
  "#1c5d99",
  "#2a9d8f",
  "#e76f51",
  "#8d6a9f",
  "#e9c46a",
  "#6c757d",
  "#264653",
  "#f4a261",
];

/** Millions for money axes: 1,950,000,000 → "1950M". */
const axisLabel = (value: number) =>
  Math.abs(value) >= 1_000_000 ? `${Math.round(value / 1_000_000)}M` : String(value);

/**
 * The chart as an SVG string, rendered on the server by ECharts (no browser, no animation).
 * ECharts names its CSS classes after a counter of the process (zr3-cls-7, zr3-c0); they are renamed
 * in order of appearance under `id`, so the same spec gives the same bytes and two charts of
 * one HTML page never share a class.
 */
export function renderChartSvg(spec: ChartSpec, id = "chart"): string {
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    chart.setOption({
      animation: false,
      color: CHART_COLORS,
      textStyle: { fontFamily: "Helvetica, Arial, sans-serif" },
      title: { text: spec.title, left: "center", textStyle: { fontSize: 13 } },
      legend: { bottom: 0, type: "plain" },
      grid: { left: 60, right: 20, top: 40, bottom: spec.kind === "line" ? 70 : 50 },
      xAxis: { type: "category", data: spec.categories },
      yAxis: { type: "value", axisLabel: { formatter: axisLabel } },
      series: spec.series.map((s) => ({
        name: s.name,
        type: spec.kind,
        data: s.values,
        ...(spec.kind === "line" && { connectNulls: true, symbolSize: 4 }),
      })),
    });
    const names = new Map<string, string>();
    return chart.renderToSVGString().replace(/zr\d+-[a-z]+-?\d+/g, (name) => {
      if (!names.has(name)) names.set(name, `${id}-${names.size}`);
      return names.get(name) as string;
    });
  } finally {
    chart.dispose();
  }
}
