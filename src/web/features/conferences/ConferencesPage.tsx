import { Anchor, Badge, Container, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { useConferenceList } from "./conferences-api.ts";

/** Public: the conferences where support for the strategy was announced. */
export function ConferencesPage() {
  const { t, fmt } = useI18n();
  const list = useConferenceList();
  return (
    <>
      <PageHeader
        kicker={t("nav.conferences")}
        title={t("conf.title")}
        description={t("conf.lead")}
        aside={
          <Anchor component={Link} to="/group-of-friends" fw={600}>
            {t("gof.title")}
          </Anchor>
        }
      />
      <Container size="xl">
        <QueryState query={list}>
          {(page) =>
            page.data.length === 0 ? (
              <Text c="dimmed">{t("conf.none")}</Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table verticalSpacing="sm" fz="sm" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t("conf.name")}</Table.Th>
                      <Table.Th scope="col">{t("conf.place")}</Table.Th>
                      <Table.Th scope="col">{t("conf.dates")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.data.map((conference) => (
                      <Table.Tr key={conference.id}>
                        <Table.Td>
                          <Stack gap={2}>
                            <Anchor component={Link} to={`/conferences/${conference.code}`}>
                              <BilingualText value={conference.name} />
                            </Anchor>
                            {conference.status === "draft" ? (
                              <Badge size="xs" variant="outline" color="gray">
                                {t("conf.status.draft")}
                              </Badge>
                            ) : null}
                          </Stack>
                        </Table.Td>
                        <Table.Td>
                          {conference.city}, {fmt.country(conference.country)}
                        </Table.Td>
                        <Table.Td>
                          {t("conf.dateRange", {
                            start: fmt.date(conference.start_date),
                            end: fmt.date(conference.end_date),
                          })}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      </Container>
    </>
  );
}
