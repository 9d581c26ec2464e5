import { Skeleton } from "@mantine/core";
import type { ECharts, EChartsCoreOption } from "echarts/core";
import { useEffect, useRef, useState } from "react";

type EChartsModule = typeof import("./echarts-setup.ts");
let loading: Promise<EChartsModule> | undefined;
const loadECharts = () => {
  loading ??= import("./echarts-setup.ts");
  return loading;
};

/**
 * An ECharts chart, loaded after the page so the dashboard's figures and tables appear
 * first. The chart is an image for assistive technology (role="img" with a description);
 * the table beside it carries the same figures.
 */
export function Chart({
  option,
  height = 320,
  label,
}: {
  option: EChartsCoreOption;
  height?: number;
  label: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void loadECharts().then(({ echarts }) => {
      if (disposed || !element.current) return;
      const instance = echarts.init(element.current, null, { renderer: "svg" });
      chart.current = instance;
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(element.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    if (ready) chart.current?.setOption(option, { notMerge: true });
  }, [option, ready]);
  return (
    <div style={{ position: "relative", height }}>
      {!ready ? <Skeleton height={height} radius="md" /> : null}
      <div
        ref={element}
        role="img"
        aria-label={label}
        style={{ position: "absolute", inset: 0 }}
        className="chart"
      />
    </div>
  );
}

/** Measure colours shared by every chart and legend. */
export const measureColors = {
  budget: "#475569",
  announced: "#7cb7e6",
  committed: "#1f5fa8",
  disbursed: "#0f8a6a",
  gap: "#d9622b",
  rate: "#8b2c4d",
} as const;
