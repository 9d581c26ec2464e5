import {
  Anchor,
  Card,
  Container,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { Link, useParams } from "react-router";
import type { Trace, TraceFlow, TraceTotals } from "../../../contracts/mandates.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { ProgressBadge } from "../indicators/ResultsFramework.tsx";
import { useMandateTrace } from "./mandates-api.ts";

export function TracePage() {
  const { id = "" } = useParams();
  const trace = useMandateTrace(id);
  return <QueryState query={trace}>{(data) => <TraceView trace={data} />}</QueryState>;
}

/** The totals of one step of the chain, as the funding roll-up gives them. */
function Totals({ totals }: { totals: TraceTotals }) {
  const { t, fmt } = useI18n();
  const cells: Array<[string, string | null]> = [
    [t("mandates.trace.budget"), totals.budget],
    [t("mandates.trace.announced"), totals.announced],
    [t("mandates.trace.committed"), totals.committed],
    [t("mandates.trace.disbursed"), totals.disbursed],
    [t("mandates.trace.gap"), totals.gap],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
      {cells.map(([label, value]) => (
        <div key={label}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fw={600}>{value === null ? "—" : fmt.money(value, "USD")}</Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function FlowLine({
  flow,
  kind,
}: {
  flow: TraceFlow;
  kind: "pledge" | "commitment" | "disbursement";
}) {
  const { t, fmt } = useI18n();
  return (
    <span data-flow={kind}>
      {t(`mandates.trace.${kind}`)} · {flow.partner.code} ·{" "}
      {flow.amount
        ? fmt.money(flow.amount.amount, flow.amount.currency)
        : t("mandates.trace.technical")}
      {flow.usd && flow.amount?.currency !== "USD" ? ` (${fmt.money(flow.usd, "USD")})` : ""} ·{" "}
      {fmt.date(flow.value_date)}
      {flow.reversed ? ` · ${t("mandates.trace.reversed")}` : ""}
    </span>
  );
}

function Commitments({
  commitments,
}: {
  commitments: Trace["initiatives"][number]["unpledged_commitments"];
}) {
  return (
    <List size="sm" withPadding>
      {commitments.map((commitment) => (
        <List.Item key={commitment.id}>
          <FlowLine flow={commitment} kind="commitment" />
          {commitment.disbursements.length ? (
            <List size="sm" withPadding>
              {commitment.disbursements.map((disbursement) => (
                <List.Item key={disbursement.id}>
                  <FlowLine flow={disbursement} kind="disbursement" />
                </List.Item>
              ))}
            </List>
          ) : null}
        </List.Item>
      ))}
    </List>
  );
}

function TraceView({ trace }: { trace: Trace }) {
  const { t, fmt } = useI18n();
  return (
    <>
      <PageHeader
        crumbs={[
          { to: "/mandates", label: t("nav.mandates") },
          {
            to: `/mandates/${trace.mandate.id}`,
            label: t("mandates.paragraphShort", { number: trace.mandate.paragraph }),
          },
        ]}
        kicker={trace.mandate.symbol}
        title={t("mandates.trace.title", { number: trace.mandate.paragraph })}
        description={<BilingualText value={trace.mandate.text} />}
      />
      <Container size="xl">
        <Stack gap="lg">
          <Section
            title={t("mandates.trace.totals")}
            description={t("mandates.trace.totalsHelp")}
            id="totals"
          >
            <Totals totals={trace.totals} />
          </Section>
          {trace.initiatives.length === 0 ? (
            <Text c="dimmed">{t("mandates.noInitiatives")}</Text>
          ) : null}
          {trace.initiatives.map((initiative) => (
            <Card key={initiative.id} withBorder radius="md" padding="lg">
              <Title order={2} fz="lg">
                <Anchor
                  component={Link}
                  to={`/initiatives/${initiative.code}`}
                  inherit
                  underline="always"
                >
                  {initiative.code}
                </Anchor>{" "}
                · <BilingualText value={initiative.title} />
              </Title>
              <Stack gap="sm" mt="sm">
                <Totals totals={initiative.totals} />
                {initiative.pledges.length ? (
                  <List size="sm">
                    {initiative.pledges.map((pledge) => (
                      <List.Item key={pledge.id}>
                        <FlowLine flow={pledge} kind="pledge" />
                        <Commitments commitments={pledge.commitments} />
                      </List.Item>
                    ))}
                  </List>
                ) : null}
                {initiative.unpledged_commitments.length ? (
                  <>
                    <Text size="sm" fw={600}>
                      {t("mandates.trace.unpledged")}
                    </Text>
                    <Commitments commitments={initiative.unpledged_commitments} />
                  </>
                ) : null}
                {initiative.requests.length ? (
                  <>
                    <Text size="sm" fw={600}>
                      {t("mandates.trace.requests")}
                    </Text>
                    <List size="sm" data-testid="trace-requests">
                      {initiative.requests.map((request) => (
                        <List.Item key={request.id}>
                          <Anchor
                            component={Link}
                            to={`/requests/${request.id}`}
                            underline="always"
                          >
                            {request.what}
                          </Anchor>{" "}
                          · {request.body.code} · {t(`requests.status.${request.status}`)}
                          {request.flow_id ? ` · ${t("mandates.trace.requestInLedger")}` : ""}
                        </List.Item>
                      ))}
                    </List>
                  </>
                ) : null}
                {initiative.results.length ? (
                  <Table fz="sm" data-testid="trace-results">
                    <Table.Caption>{t("results.title")}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t("mandates.trace.indicator")}</Table.Th>
                        <Table.Th scope="col">{t("mandates.trace.baseline")}</Table.Th>
                        <Table.Th scope="col">{t("mandates.trace.target")}</Table.Th>
                        <Table.Th scope="col">{t("results.actual")}</Table.Th>
                        <Table.Th scope="col">{t("results.progress")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {initiative.results.map((indicator) => (
                        <Table.Tr key={indicator.id}>
                          <Table.Td>
                            <BilingualText value={indicator.name} /> ({indicator.unit}) ·{" "}
                            {t(`results.level.${indicator.level}`)}
                          </Table.Td>
                          <Table.Td>
                            {indicator.baseline
                              ? `${fmt.number(indicator.baseline.value)} (${indicator.baseline.year})`
                              : "—"}
                          </Table.Td>
                          <Table.Td>
                            {indicator.progress.target
                              ? `${fmt.number(indicator.progress.target.value)} (${indicator.progress.target.year})`
                              : "—"}
                          </Table.Td>
                          <Table.Td>
                            {indicator.progress.actual
                              ? `${fmt.number(indicator.progress.actual.value)} (${indicator.progress.actual.year})`
                              : "—"}
                          </Table.Td>
                          <Table.Td>
                            <ProgressBadge progress={indicator.progress} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                ) : null}
                {initiative.targets.length ? (
                  <Table fz="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t("mandates.trace.indicator")}</Table.Th>
                        <Table.Th scope="col">{t("mandates.trace.baseline")}</Table.Th>
                        <Table.Th scope="col">{t("mandates.trace.target")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {initiative.targets.map((target) => (
                        <Table.Tr key={target.indicator.code}>
                          <Table.Td>
                            <BilingualText value={target.indicator.name} /> ({target.indicator.unit}
                            )
                          </Table.Td>
                          <Table.Td>
                            {target.baseline_value ?? "—"}
                            {target.baseline_year ? ` (${target.baseline_year})` : ""}
                          </Table.Td>
                          <Table.Td>
                            {target.target_value} ({target.target_year})
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                ) : null}
              </Stack>
            </Card>
          ))}
        </Stack>
      </Container>
    </>
  );
}
