import { Badge, Button, Container, Group, Stack, Text } from "@mantine/core";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { ReminderTable } from "./ReminderTable.tsx";
import { useDataQuality, useReminderRuns, useRunCheck } from "./reminders-api.ts";

/** Staff: every open item of every organization, counted by rule; the check's latest runs. */
export function DataQualityPage() {
  const { t, fmt } = useI18n();
  const quality = useDataQuality();
  const runs = useReminderRuns();
  const runCheck = useRunCheck();
  return (
    <>
      <PageHeader
        kicker={t("nav.workspace")}
        title={t("reminders.quality.title")}
        description={t("reminders.quality.lead")}
        aside={
          <Button loading={runCheck.isPending} onClick={() => runCheck.mutate()}>
            {t("reminders.quality.runNow")}
          </Button>
        }
      />
      <Container size="xl">
        <Stack gap="lg">
          {runCheck.error ? <ApiErrorAlert error={runCheck.error} /> : null}
          <QueryState query={quality}>
            {(list) => (
              <>
                <Group gap="xs" data-testid="quality-counts">
                  {list.by_rule.map((r) => (
                    <Badge
                      key={r.rule}
                      variant="filled"
                      bg={r.count ? "#123f7a" : "#e1ecfa"}
                      c={r.count ? "#ffffff" : "#123f7a"}
                    >
                      {t(`reminders.rule.${r.rule}`)}: {fmt.number(r.count)}
                    </Badge>
                  ))}
                </Group>
                <Section title={t("reminders.quality.items")} id="data-quality">
                  {list.total === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t("reminders.quality.empty")}
                    </Text>
                  ) : (
                    <ReminderTable
                      items={list.data}
                      caption={t("reminders.quality.items")}
                      fileName="esca-data-quality"
                      withOrganization
                    />
                  )}
                </Section>
              </>
            )}
          </QueryState>
          <Section title={t("reminders.runs.title")} id="runs">
            <QueryState query={runs}>
              {(list) =>
                list.data.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t("reminders.runs.none")}
                  </Text>
                ) : (
                  <Stack gap={4}>
                    {list.data.map((run) => (
                      <Text key={run.id} size="sm" data-testid="reminder-run">
                        {t("reminders.runs.line", {
                          when: fmt.dateTime(run.started_at),
                          trigger: t(`reminders.trigger.${run.trigger}`),
                          items: fmt.number(run.item_count),
                          fresh: fmt.number(run.new_count),
                          digests: fmt.number(run.digests_sent),
                        })}
                      </Text>
                    ))}
                  </Stack>
                )
              }
            </QueryState>
          </Section>
        </Stack>
      </Container>
    </>
  );
}
