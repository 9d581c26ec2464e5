import type { InitiativeStatus } from "../../contracts/enums.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { type Tint, TintedBadge } from "./TintedBadge.tsx";

/** Tinted background, dark text: every pair keeps at least 7:1. */
const colors: Record<InitiativeStatus, Tint> = {
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
  return (
    <TintedBadge tint={colors[status]} className="status-badge" data-status={status}>
      {t(`status.${status}`)}
    </TintedBadge>
  );
}
