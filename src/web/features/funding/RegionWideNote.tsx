import { Text } from "@mantine/core";
import { useFundingSummary } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { MeasureHelp } from "../../ui/MeasureHelp.tsx";

/**
 * On a component's page: what was announced for the whole region and allocated to no
 * component (the roll-up's "not_allocated_to_component" remainder by component). It belongs
 * to no component, so the page does not count it; this says it exists and how much.
 */
export function RegionWideNote() {
  const { t, fmt } = useI18n();
  const query = useFundingSummary(["component"]);
  const row = query.data?.rows.find((r) => r.remainder === "not_allocated_to_component");
  if (!query.data || !row || row.announced === "0.00") return null;
  return (
    <Text size="sm" c="dimmed" data-testid="region-wide-note">
      {t("component.regionWide", { amount: fmt.money(row.announced, query.data.currency) })}
      <MeasureHelp
        measure={t("table.notAllocatedToComponent")}
        definition={t("table.notAllocatedToComponentHelp")}
      />
    </Text>
  );
}
