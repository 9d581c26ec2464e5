import { Badge } from "@mantine/core";
import type { InitiativeStatus } from "../../contracts/enums.ts";
import { useI18n } from "../i18n/i18n.tsx";

/** Tinted background, dark text: every pair keeps at least 7:1. */
const colors: Record<InitiativeStatus, { bg: string; fg: string }> = {
  draft: { bg: "#eef1f4", fg: "#38414d" },
  submitted: { bg: "#fff4d6", fg: "#6b4a00" },
  endorsed: { bg: "#dcf3f7", fg: "#0b5563" },
  seeking_funding: { bg: "#ffead9", fg: "#8a3a06" },
  in_execution: { bg: "#e1ecfa", fg: "#123f7a" },
  completed: { bg: "#dff3e6", fg: "#1d5b33" },
  rejected: { bg: "#fbe2e2", fg: "#8c1c1c" },
  cancelled: { bg: "#e9e9ec", fg: "#2f2f37" },
};

export function StatusBadge({ status }: { status: InitiativeStatus }) {
  const { t } = useI18n();
  const { bg, fg } = colors[status];
  return (
    <Badge
      variant="filled"
      radius="sm"
      bg={bg}
      c={fg}
      tt="none"
      className="status-badge"
      data-status={status}
    >
      {t(`status.${status}`)}
    </Badge>
  );
}
