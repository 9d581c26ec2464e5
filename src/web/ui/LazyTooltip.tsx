import type { TooltipProps } from "@mantine/core";
import { type ComponentType, lazy, Suspense } from "react";

/** The target alone: what shows until the tooltip arrives, or if it cannot be fetched. */
function WithoutTooltip({ children }: TooltipProps) {
  return children;
}

/**
 * Mantine's Tooltip brings its positioning engine (floating-ui), about 19 KB gzipped, so
 * it is fetched after the first paint instead of with the page. The target never depends
 * on it: its text and aria-label are its own, and a failed fetch leaves it as it was.
 */
const Tooltip = lazy<ComponentType<TooltipProps>>(() =>
  import("./mantine-tooltip.ts").then(
    ({ Tooltip }) => ({ default: Tooltip }),
    () => ({ default: WithoutTooltip }),
  ),
);

export function LazyTooltip(props: TooltipProps) {
  return (
    <Suspense fallback={props.children}>
      <Tooltip {...props} />
    </Suspense>
  );
}
