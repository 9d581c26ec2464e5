import { Anchor, Container, Group, List, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { IllustrativeMark, SourceLine } from "../../ui/Provenance.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { useGroupOfFriends } from "./conferences-api.ts";
import { PledgeFiguresCells, PledgeFiguresHeaders } from "./PledgeFiguresCells.tsx";

/**
 * Public: the Group of Friends (AG/RES. 2626 ¶2): each member, when it joined, what it
 * announced, committed and disbursed (the roll-up), and its preparatory contributions.
 */
export function GroupOfFriendsPage() {
  const { t, fmt } = useI18n();
  const group = useGroupOfFriends();
  return (
    <>
      <PageHeader
        crumbs={[{ to: "/conferences", label: t("nav.conferences") }]}
        kicker={t("gof.kicker")}
        title={t("gof.title")}
        description={t("gof.lead")}
      />
      <Container size="xl">
        <QueryState query={group}>
          {(data) => (
            <Table.ScrollContainer minWidth={860}>
              <Table verticalSpacing="sm" fz="sm" striped data-testid="group-of-friends">
                <Table.Caption>{t("gof.fundingSource")}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("gof.member")}</Table.Th>
                    <Table.Th scope="col">{t("gof.joined")}</Table.Th>
                    <PledgeFiguresHeaders />
                    <Table.Th scope="col">{t("gof.contributions")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.members.map((member) => (
                    <Table.Tr key={member.organization.id}>
                      <Table.Th scope="row" fw={400}>
                        <Anchor component={Link} to={`/partners/${member.organization.code}`}>
                          <BilingualText value={member.organization.name} />
                        </Anchor>
                      </Table.Th>
                      <Table.Td>
                        {member.joined ? (
                          <>
                            <Group gap={6} wrap="nowrap">
                              {fmt.date(member.joined.on)}
                              {member.joined.illustrative ? <IllustrativeMark /> : null}
                            </Group>
                            <SourceLine source={member.joined.source} />
                          </>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {t("gof.joinedUnknown")}
                          </Text>
                        )}
                      </Table.Td>
                      <PledgeFiguresCells figures={member.figures} />
                      <Table.Td maw={320}>
                        {member.contributions.length === 0 ? (
                          "—"
                        ) : (
                          <List size="sm" spacing={4}>
                            {member.contributions.map((c) => (
                              <List.Item key={c.id}>
                                <BilingualText value={c.description} />{" "}
                                <Anchor
                                  component={Link}
                                  to={`/conferences/${c.conference.code}`}
                                  size="xs"
                                >
                                  {c.conference.code}
                                </Anchor>
                                <SourceLine source={c.source} illustrative={c.illustrative} />
                              </List.Item>
                            ))}
                          </List>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr fw={700}>
                    <Table.Th scope="row">{t("conf.total")}</Table.Th>
                    <Table.Td />
                    <PledgeFiguresCells figures={data.total} />
                    <Table.Td />
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      </Container>
    </>
  );
}
