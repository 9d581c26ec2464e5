import type { MandateStatus } from "../../../contracts/mandates.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { type Tint, TintedBadge } from "../../ui/TintedBadge.tsx";

/** Tinted background, dark text: every pair keeps at least 7:1. */
const colors: Record<MandateStatus, Tint> = {
  not_started: { bg: "#eef1f4", fg: "#38414d" },
  in_progress: { bg: "#e1ecfa", fg: "#123f7a" },
  implemented: { bg: "#dff3e6", fg: "#1d5b33" },
  not_applicable: { bg: "#e9e9ec", fg: "#2f2f37" },
};

export function MandateStatusBadge({ status }: { status: MandateStatus }) {
  const { t } = useI18n();
  return (
    <TintedBadge tint={colors[status]} className="mandate-status" data-status={status}>
      {t(`mandates.status.${status}`)}
    </TintedBadge>
  );
}
