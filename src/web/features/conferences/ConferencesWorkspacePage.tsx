import { Anchor, Badge, Container, Stack, Table } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { ConferenceForm } from "./ConferenceForm.tsx";
import { useConferenceList } from "./conferences-api.ts";
import { GroupOfFriendsJoinForm } from "./GroupOfFriendsJoinForm.tsx";

/** Workspace (secretariat): every conference, drafts too, and a new one. */
export function ConferencesWorkspacePage() {
  const { t, fmt } = useI18n();
  const list = useConferenceList();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t("conf.workspaceTitle")} description={t("conf.workspaceLead")} />
      <Container size="xl">
        <Stack gap="lg">
          <Section title={t("conf.title")} id="conference-list">
            <QueryState query={list}>
              {(page) => (
                <Table verticalSpacing="xs" fz="sm" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t("conf.name")}</Table.Th>
                      <Table.Th scope="col">{t("conf.dates")}</Table.Th>
                      <Table.Th scope="col">{t("conf.statusLabel")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.data.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/workspace/conferences/${c.code}`}>
                            {c.code} · <BilingualText value={c.name} />
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          {t("conf.dateRange", {
                            start: fmt.date(c.start_date),
                            end: fmt.date(c.end_date),
                          })}
                        </Table.Td>
                        <Table.Td>
                          <Badge
                            variant="light"
                            color={c.status === "published" ? "green" : "gray"}
                          >
                            {t(`conf.status.${c.status}`)}
                          </Badge>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </QueryState>
          </Section>
          <Section title={t("conf.new")} description={t("conf.newLead")} id="new-conference">
            <ConferenceForm
              conference={null}
              onSaved={(saved) => void navigate(`/workspace/conferences/${saved.code}`)}
            />
          </Section>
          <Section title={t("gof.joinTitle")} description={t("gof.joinLead")} id="group-of-friends">
            <GroupOfFriendsJoinForm />
          </Section>
        </Stack>
      </Container>
    </>
  );
}
