import {
  Anchor,
  Badge,
  Button,
  Container,
  Grid,
  List,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { Link, useParams } from "react-router";
import { roles } from "../../../contracts/enum-values.ts";
import type { MandateDetail } from "../../../contracts/mandates.ts";

type Role = (typeof roles)[number];

import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { isStaff, useSession } from "../accounts/session.ts";
import { RequestStatusBadge } from "../requests/RequestList.tsx";
import { EvidenceForm } from "./EvidenceForm.tsx";
import { InitiativeLinkForm } from "./InitiativeLinkForm.tsx";
import { MandateStatusBadge } from "./MandateStatusBadge.tsx";
import { MandateStatusForm } from "./MandateStatusForm.tsx";
import { useEvidence, useInitiativeLinks, useMandate } from "./mandates-api.ts";

export function MandatePage() {
  const { id = "" } = useParams();
  const mandate = useMandate(id);
  return <QueryState query={mandate}>{(data) => <MandateView mandate={data} />}</QueryState>;
}

function MandateView({ mandate }: { mandate: MandateDetail }) {
  const { t, fmt } = useI18n();
  const session = useSession();
  const user = session.data?.user;
  const editor = Boolean(user && isStaff(user));
  const { remove } = useEvidence(mandate.id);
  const { unlink } = useInitiativeLinks(mandate.id);
  // Where an evidence record has a page of its own, its label leads there.
  const evidenceHref = (item: MandateDetail["evidence"][number]) =>
    item.kind === "initiative"
      ? `/initiatives/${item.target_id}`
      : item.kind === "support_request"
        ? `/requests/${item.target_id}`
        : item.kind === "practice"
          ? `/practices/${item.target_id}`
          : null;
  const who = (setBy: MandateDetail["history"][number]["set_by"]) =>
    setBy
      ? [setBy.organization, setBy.role && roleLabel(setBy.role)].filter(Boolean).join(" · ")
      : "—";
  const roleLabel = (role: string) =>
    (roles as readonly string[]).includes(role) ? t(`role.${role as Role}`) : role;
  return (
    <>
      <PageHeader
        crumbs={[{ to: "/mandates", label: t("nav.mandates") }]}
        kicker={mandate.resolution.symbol}
        title={t("mandates.paragraphTitle", { number: mandate.paragraph })}
        description={<BilingualText value={mandate.resolution.title} />}
      />
      <Container size="xl">
        <Stack gap="lg">
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Section title={t("mandates.officialText")} id="text-en">
                <Text lang="en">{mandate.text.en}</Text>
              </Section>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Section title={t("mandates.spanishText")} id="text-es">
                <Badge variant="outline" color="gray" mb="xs">
                  {t("mandates.unofficialTranslation")}
                </Badge>
                <Text lang="es">{mandate.text.es}</Text>
              </Section>
            </Grid.Col>
          </Grid>
          <Section title={t("mandates.details")} id="details">
            <Table fz="sm">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row">{t("mandates.addressees")}</Table.Th>
                  <Table.Td>
                    {mandate.addressees.map((a) => t(`mandates.addressee.${a}`)).join(", ")}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t("mandates.reportingBody")}</Table.Th>
                  <Table.Td>{t(`mandates.addressee.${mandate.reporting_body}`)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t("mandates.dueSession")}</Table.Th>
                  <Table.Td>
                    <BilingualText value={mandate.due_session} /> ({fmt.date(mandate.due_on)})
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Anchor component={Link} to={`/mandates/${mandate.id}/trace`} mt="sm" display="block">
              {t("mandates.openTrace")}
            </Anchor>
          </Section>
          <Section title={t("mandates.statusPerPeriod")} id="statuses">
            <Table fz="sm" verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("mandates.form.period")}</Table.Th>
                  <Table.Th scope="col">{t("mandates.form.status")}</Table.Th>
                  <Table.Th scope="col">{t("mandates.form.note")}</Table.Th>
                  <Table.Th scope="col">{t("mandates.setBy")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {mandate.statuses.map((status) => {
                  const period = mandate.periods.find((p) => p.code === status.period);
                  return (
                    <Table.Tr key={status.period}>
                      <Table.Td>
                        {period ? <BilingualText value={period.label} /> : status.period}
                      </Table.Td>
                      <Table.Td>
                        <MandateStatusBadge status={status.status} />
                        {status.illustrative ? (
                          <Text size="xs" c="dimmed">
                            {t("mandates.illustrative")}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{status.note ?? "—"}</Table.Td>
                      <Table.Td>{who(status.set_by)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            {user && isStaff(user) ? (
              <Stack mt="md">
                <Title order={3} fz="md">
                  {t("mandates.form.title")}
                </Title>
                <MandateStatusForm
                  mandate={mandate}
                  key={mandate.statuses.map((s) => s.version).join()}
                />
              </Stack>
            ) : null}
          </Section>
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Section title={t("mandates.initiatives")} id="initiatives">
                {mandate.initiatives.length === 0 ? (
                  <Text c="dimmed">{t("mandates.noInitiatives")}</Text>
                ) : (
                  <List size="sm">
                    {mandate.initiatives.map((initiative) => (
                      <List.Item key={initiative.id}>
                        <Anchor
                          component={Link}
                          to={`/initiatives/${initiative.code}`}
                          underline="always"
                        >
                          {initiative.code}
                        </Anchor>{" "}
                        · <BilingualText value={initiative.title} />
                        {initiative.illustrative ? ` (${t("mandates.illustrative")})` : ""}
                        {editor ? (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            ml="xs"
                            aria-label={t("mandates.links.unlinkLabel", { code: initiative.code })}
                            loading={unlink.isPending && unlink.variables === initiative.id}
                            onClick={() => unlink.mutate(initiative.id)}
                          >
                            {t("mandates.links.unlink")}
                          </Button>
                        ) : null}
                      </List.Item>
                    ))}
                  </List>
                )}
                {editor ? (
                  <Stack mt="md" gap="xs">
                    <Title order={3} fz="md">
                      {t("mandates.links.title")}
                    </Title>
                    <ApiErrorAlert error={unlink.error} />
                    <InitiativeLinkForm mandate={mandate} />
                  </Stack>
                ) : null}
              </Section>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Section title={t("mandates.evidence")} id="evidence">
                {mandate.evidence.length === 0 ? (
                  <Text c="dimmed">{t("mandates.noEvidence")}</Text>
                ) : (
                  <List size="sm">
                    {mandate.evidence.map((item) => {
                      const href = evidenceHref(item);
                      const label = item.label ?? item.target_id;
                      return (
                        <List.Item key={item.id}>
                          {t(`mandates.evidenceKind.${item.kind}`)}:{" "}
                          {href ? (
                            <Anchor component={Link} to={href} underline="always">
                              {label}
                            </Anchor>
                          ) : (
                            label
                          )}
                          {item.period ? ` · ${item.period}` : ""}
                          {item.note ? ` · ${item.note}` : ""}
                          {item.illustrative ? ` (${t("mandates.illustrative")})` : ""}
                          {editor ? (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="red"
                              ml="xs"
                              aria-label={t("mandates.evidenceForm.removeLabel", { label })}
                              loading={remove.isPending && remove.variables === item.id}
                              onClick={() => remove.mutate(item.id)}
                            >
                              {t("mandates.evidenceForm.remove")}
                            </Button>
                          ) : null}
                        </List.Item>
                      );
                    })}
                  </List>
                )}
                {editor ? (
                  <Stack mt="md" gap="xs">
                    <Title order={3} fz="md">
                      {t("mandates.evidenceForm.title")}
                    </Title>
                    <ApiErrorAlert error={remove.error} />
                    <EvidenceForm mandate={mandate} />
                  </Stack>
                ) : null}
              </Section>
            </Grid.Col>
          </Grid>
          <Section
            title={t("mandates.requests")}
            description={t("mandates.requestsHelp")}
            id="requests"
          >
            {mandate.requests.length === 0 ? (
              <Text c="dimmed">{t("mandates.noRequests")}</Text>
            ) : (
              <Table fz="sm" data-testid="mandate-requests">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("requests.field.what")}</Table.Th>
                    <Table.Th scope="col">{t("requests.field.initiative")}</Table.Th>
                    <Table.Th scope="col">{t("requests.field.body")}</Table.Th>
                    <Table.Th scope="col">{t("requests.field.status")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {mandate.requests.map((request) => (
                    <Table.Tr key={request.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/requests/${request.id}`} underline="always">
                          {request.what}
                        </Anchor>
                        {request.illustrative ? ` (${t("mandates.illustrative")})` : ""}
                      </Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/initiatives/${request.initiative.code}`}
                          underline="always"
                        >
                          {request.initiative.code}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <BilingualText value={request.body.name} />
                      </Table.Td>
                      <Table.Td>
                        <RequestStatusBadge status={request.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Section>
          <Section title={t("mandates.history")} id="history">
            {mandate.history.length === 0 ? (
              <Text c="dimmed">{t("mandates.noHistory")}</Text>
            ) : (
              <Table fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("mandates.when")}</Table.Th>
                    <Table.Th scope="col">{t("mandates.form.period")}</Table.Th>
                    <Table.Th scope="col">{t("mandates.form.status")}</Table.Th>
                    <Table.Th scope="col">{t("mandates.form.note")}</Table.Th>
                    <Table.Th scope="col">{t("mandates.setBy")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {mandate.history.map((entry) => (
                    <Table.Tr key={`${entry.at}-${entry.period}-${entry.action}`}>
                      <Table.Td>{fmt.dateTime(entry.at)}</Table.Td>
                      <Table.Td>{entry.period}</Table.Td>
                      <Table.Td>
                        {entry.status ? <MandateStatusBadge status={entry.status} /> : "—"}
                      </Table.Td>
                      <Table.Td>{entry.note ?? "—"}</Table.Td>
                      <Table.Td>{who(entry.set_by)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Section>
        </Stack>
      </Container>
    </>
  );
}
