import { useI18n } from "../../i18n/i18n.tsx";
import { TintedBadge } from "../../ui/TintedBadge.tsx";
import type { ImportJobListItem } from "./iati-api.ts";
import { outcomeColors, outcomeLabel, outcomeOf } from "./iati-format.ts";

/** How a job stands: running, succeeded, failed, or interrupted by a server stop. */
export function OutcomeBadge({ job }: { job: Pick<ImportJobListItem, "status" | "error"> }) {
  const { t } = useI18n();
  const outcome = outcomeOf(job);
  return (
    <TintedBadge tint={outcomeColors[outcome]} data-outcome={outcome}>
      {outcomeLabel(t, outcome)}
    </TintedBadge>
  );
}
