import { Badge, type BadgeProps } from "@mantine/core";
import type { ReactNode } from "react";

/** A tinted background and its dark text; every pair the app uses keeps at least 7:1. */
export interface Tint {
  bg: string;
  fg: string;
}

/**
 * The one badge look of the app (statuses, outcomes, plan actions, severities): the tint,
 * the words as written (no capitals added), never narrower than they are.
 */
export function TintedBadge({
  tint,
  children,
  ...rest
}: BadgeProps & { tint: Tint; children: ReactNode } & { [data: `data-${string}`]: string }) {
  return (
    <Badge
      variant="filled"
      radius="sm"
      bg={tint.bg}
      c={tint.fg}
      tt="none"
      miw="max-content"
      {...rest}
    >
      {children}
    </Badge>
  );
}
