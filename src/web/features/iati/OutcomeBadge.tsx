import { Badge } from "@mantine/core";
import { useI18n } from "../../i18n/i18n.tsx";
import type { ImportJobListItem } from "./iati-api.ts";
import { outcomeColors, outcomeLabel, outcomeOf } from "./iati-format.ts";

/** How a job stands: running, succeeded, failed, or interrupted by a server stop. */
export function OutcomeBadge({ job }: { job: Pick<ImportJobListItem, "status" | "error"> }) {
  const { t } = useI18n();
  const outcome = outcomeOf(job);
  const { bg, fg } = outcomeColors[outcome];
  return (
    <Badge
      variant="filled"
      radius="sm"
      bg={bg}
      c={fg}
      tt="none"
      miw="max-content"
      data-outcome={outcome}
    >
      {outcomeLabel(t, outcome)}
    </Badge>
  );
}
