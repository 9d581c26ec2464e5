import { Anchor, Badge, Container, List, Stack, Table, Text } from "@mantine/core";
import { Link, useParams } from "react-router";
import type { ConferenceDetail } from "../../../contracts/conferences.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText, usePick } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { IllustrativeBadge, SourceLine } from "../../ui/Provenance.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { useConference } from "./conferences-api.ts";
import { PledgeFiguresCells, PledgeFiguresHeaders } from "./PledgeFiguresCells.tsx";
import { Programme } from "./Programme.tsx";

/** Public: one conference, its programme, who came, what was announced and what followed. */
export function ConferencePage() {
  const { id = "" } = useParams();
  const conference = useConference(id);
  return (
    <QueryState query={conference}>{(data) => <ConferenceView conference={data} />}</QueryState>
  );
}

function ConferenceView({ conference }: { conference: ConferenceDetail }) {
  const { t, fmt } = useI18n();
  return (
    <>
      <PageHeader
        crumbs={[{ to: "/conferences", label: t("nav.conferences") }]}
        kicker={`${conference.city}, ${fmt.country(conference.country)} · ${t("conf.dateRange", {
          start: fmt.date(conference.start_date),
          end: fmt.date(conference.end_date),
        })}`}
        title={<BilingualText value={conference.name} />}
        badges={
          conference.status === "draft" ? (
            <Badge variant="outline" color="gray">
              {t("conf.status.draft")}
            </Badge>
          ) : null
        }
        description={conference.source ?? undefined}
      />
      <Container size="xl">
        <Stack gap="lg">
          <Section title={t("conf.programme")} id="programme">
            <Programme conference={conference} />
          </Section>
          <Announcements conference={conference} />
          <Delegations conference={conference} />
          <Section title={t("conf.documents")} id="documents">
            {conference.documents.length === 0 ? (
              <Text c="dimmed">{t("conf.noDocuments")}</Text>
            ) : (
              <List spacing="xs">
                {conference.documents.map((document) => (
                  <List.Item key={document.id}>
                    <Anchor href={document.url} target="_blank" rel="noopener noreferrer">
                      <BilingualText value={document.title} />
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t(`conf.documentKind.${document.kind}`)}
                      {document.issued_on ? ` · ${fmt.date(document.issued_on)}` : ""}
                    </Text>
                    <SourceLine source={document.source} />
                  </List.Item>
                ))}
              </List>
            )}
          </Section>
          {conference.contributions.length > 0 ? (
            <Section
              title={t("conf.contributions")}
              description={t("conf.contributionsLead")}
              id="contributions"
            >
              <List spacing="xs">
                {conference.contributions.map((c) => (
                  <List.Item key={c.id}>
                    <Text fw={600} span>
                      <BilingualText value={c.organization.name} />
                    </Text>
                    {": "}
                    <BilingualText value={c.description} />
                    {c.contributed_on ? ` (${fmt.date(c.contributed_on)})` : ""}
                    <SourceLine source={c.source} illustrative={c.illustrative} />
                  </List.Item>
                ))}
              </List>
            </Section>
          ) : null}
        </Stack>
      </Container>
    </>
  );
}

/**
 * Per partner, what was announced at the conference and what was committed and disbursed
 * against those pledges since (the roll-up's rows and total); then each pledge with its session.
 */
function Announcements({ conference }: { conference: ConferenceDetail }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const sessionTitle = (id: string | null) => {
    const session = conference.sessions.find((s) => s.id === id);
    return session ? pick(session.title) : t("conf.noSession");
  };
  return (
    <Section
      title={t("conf.announcements")}
      description={t("conf.announcementsLead")}
      id="announcements"
    >
      <Stack gap="md">
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" fz="sm" data-testid="conference-totals">
            <Table.Caption>{t("conf.fundingSource")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("conf.partner")}</Table.Th>
                <PledgeFiguresHeaders />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {conference.funding.rows.map((row) => (
                <Table.Tr key={row.partner.id}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/partners/${row.partner.code}`}>
                      <BilingualText value={row.partner.name} />
                    </Anchor>
                  </Table.Th>
                  <PledgeFiguresCells figures={row.figures} />
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr fw={700}>
                <Table.Th scope="row">{t("conf.total")}</Table.Th>
                <PledgeFiguresCells figures={conference.funding.total} />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
        {conference.announcements.length > 0 ? (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" fz="sm" striped data-testid="conference-pledges">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("conf.partner")}</Table.Th>
                  <Table.Th scope="col">{t("conf.session")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("conf.amount")}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("conf.amountUsd")}
                  </Table.Th>
                  <Table.Th scope="col">{t("conf.source")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {conference.announcements.map((a) => (
                  <Table.Tr key={a.flow_id}>
                    <Table.Td>
                      <BilingualText value={a.partner.name} />
                    </Table.Td>
                    <Table.Td>{sessionTitle(a.session_id)}</Table.Td>
                    <Table.Td ta="right">
                      {a.value
                        ? fmt.money(a.value.amount, a.value.currency)
                        : (a.description ?? "")}
                    </Table.Td>
                    <Table.Td ta="right">
                      {a.value_usd ? fmt.money(a.value_usd.amount, "USD") : "—"}
                    </Table.Td>
                    <Table.Td>
                      <SourceLine source={a.source} illustrative={a.illustrative} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Text c="dimmed">{t("conf.noAnnouncements")}</Text>
        )}
      </Stack>
    </Section>
  );
}

/** Who came, at what level; a head of delegation is named only where the record names them. */
function Delegations({ conference }: { conference: ConferenceDetail }) {
  const { t } = useI18n();
  return (
    <Section title={t("conf.delegations")} description={t("conf.delegationsLead")} id="delegations">
      {conference.delegations.length === 0 ? (
        <Text c="dimmed">{t("conf.noDelegations")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("conf.delegation")}</Table.Th>
                <Table.Th scope="col">{t("conf.level")}</Table.Th>
                <Table.Th scope="col">{t("conf.headOfDelegation")}</Table.Th>
                <Table.Th scope="col">{t("conf.source")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {conference.delegations.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <BilingualText value={d.organization.name} />
                  </Table.Td>
                  <Table.Td>{t(`conf.level.${d.level}`)}</Table.Td>
                  <Table.Td>
                    <BilingualText value={d.head_title} />
                    {d.head_name ? (
                      <Text size="sm" fw={600}>
                        {d.head_name}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {d.illustrative ? <IllustrativeBadge /> : null}
                    <SourceLine source={d.source} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
