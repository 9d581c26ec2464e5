import { Container, Group, Stack, Text } from "@mantine/core";
import { useOutletContext } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import type { WorkspaceContext } from "../workspace/workspace-context.ts";
import { ReminderTable } from "./ReminderTable.tsx";
import { useInbox } from "./reminders-api.ts";

/** The signed-in user's open items: their organization's, and for staff the secretariat's. */
export function InboxPage() {
  const { t, fmt } = useI18n();
  const { staff } = useOutletContext<WorkspaceContext>();
  const inbox = useInbox();
  return (
    <>
      <PageHeader
        kicker={t("nav.workspace")}
        title={t("reminders.inbox.title")}
        description={staff ? t("reminders.inbox.staffLead") : t("reminders.inbox.lead")}
      />
      <Container size="xl">
        <QueryState query={inbox}>
          {(list) => (
            <Stack gap="md">
              <Group gap="md">
                <Text size="sm" c="dimmed">
                  {t("reminders.thresholds", {
                    pledge: String(list.thresholds.pledge_months),
                    commitment: String(list.thresholds.commitment_months),
                    date: fmt.date(list.as_of),
                  })}
                </Text>
              </Group>
              <Section title={t("reminders.inbox.items")} id="inbox">
                {list.total === 0 ? (
                  <Text size="sm" c="dimmed" data-testid="inbox-empty">
                    {t("reminders.inbox.empty")}
                  </Text>
                ) : (
                  <ReminderTable
                    items={list.data}
                    caption={t("reminders.inbox.items")}
                    fileName="esca-inbox"
                  />
                )}
              </Section>
            </Stack>
          )}
        </QueryState>
      </Container>
    </>
  );
}
