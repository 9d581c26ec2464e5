import { useI18n } from "../../i18n/i18n.tsx";
import { fundingColumns, SummaryBreakdown } from "./SummaryBreakdown.tsx";

/** The four components' funding, as the dashboard and the components page both show it. */
export function FundingByComponent({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <SummaryBreakdown
      id={id}
      dimension="component"
      title={t("dashboard.byComponent")}
      description={t("dashboard.byComponentHelp")}
      chartMeasures={["budget", "announced", "committed", "disbursed"]}
      tableMeasures={fundingColumns}
      fileName="esca-funding-by-component"
    />
  );
}
