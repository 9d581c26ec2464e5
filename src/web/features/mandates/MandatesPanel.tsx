import { Anchor, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { mandateStatuses } from "../../../contracts/enum-values.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { MandateStatusBadge } from "./MandateStatusBadge.tsx";
import { useMandates } from "./mandates-api.ts";

/** The dashboard's glance at the resolution: per period, how many paragraphs stand where. */
export function MandatesPanel() {
  const { t } = useI18n();
  const mandates = useMandates();
  return (
    <Section title={t("mandates.panel.title")} description={t("mandates.panel.lead")} id="mandates">
      <QueryState query={mandates}>
        {(list) => {
          const periods = [...new Set(list.data.flatMap((m) => m.statuses.map((s) => s.period)))];
          return (
            <Stack gap="xs">
              {periods.map((period) => (
                <Group key={period} gap="xs">
                  <Text size="sm" fw={600} w={90}>
                    {period}
                  </Text>
                  {mandateStatuses.map((status) => {
                    const count = list.data.filter((m) =>
                      m.statuses.some((s) => s.period === period && s.status === status),
                    ).length;
                    return count ? (
                      <Group key={status} gap={4}>
                        <MandateStatusBadge status={status} />
                        <Text size="sm">{count}</Text>
                      </Group>
                    ) : null;
                  })}
                </Group>
              ))}
              <Anchor component={Link} to="/mandates" size="sm">
                {t("mandates.panel.open")}
              </Anchor>
            </Stack>
          );
        }}
      </QueryState>
    </Section>
  );
}
