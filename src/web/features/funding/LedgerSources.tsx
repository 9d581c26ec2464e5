import { Group, List, Text } from "@mantine/core";
import { type FlowQuery, useFlows } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Section } from "../../ui/PageHeader.tsx";
import { IllustrativeBadge, noSourceText } from "../../ui/Provenance.tsx";
import { QueryState } from "../../ui/QueryState.tsx";

/**
 * Where the figures above come from: the ledger entries behind them, grouped by their
 * published source, and how many are illustrative. Records are counted, never summed.
 */
export function LedgerSources({ query = {} }: { query?: FlowQuery }) {
  const { t } = useI18n();
  const flows = useFlows(query);
  return (
    <Section title={t("sources.title")} description={t("sources.help")} id="sources">
      <QueryState query={flows}>
        {(list) => {
          const bySource = new Map<string, number>();
          let illustrative = 0;
          for (const flow of list.data) {
            if (flow.illustrative) illustrative += 1;
            const source = flow.source ?? noSourceText(t, flow.illustrative);
            bySource.set(source, (bySource.get(source) ?? 0) + 1);
          }
          return (
            <>
              <Group gap="xs" mb="sm">
                <Text size="sm">
                  {t("sources.count", { records: list.data.length, sources: bySource.size })}
                </Text>
                {illustrative > 0 ? (
                  <Group gap={6}>
                    <IllustrativeBadge />
                    <Text size="sm">{t("sources.illustrativeCount", { count: illustrative })}</Text>
                  </Group>
                ) : null}
              </Group>
              <List size="sm" spacing={4}>
                {[...bySource.entries()]
                  .sort((a, b) => b[1] - a[1])
                  .map(([source, count]) => (
                    <List.Item key={source}>{t("sources.item", { source, count })}</List.Item>
                  ))}
              </List>
            </>
          );
        }}
      </QueryState>
    </Section>
  );
}
