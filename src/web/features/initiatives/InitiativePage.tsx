import { Anchor, Container, Grid, Stack, Table, Text } from "@mantine/core";
import { type ReactNode, useMemo } from "react";
import { Link, useParams } from "react-router";
import type { Initiative } from "../../../contracts/initiatives.ts";
import { useFundingSummary, useInitiative } from "../../api/queries.ts";
import type { FundingMeasures } from "../../api/schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText, usePick } from "../../ui/Bilingual.tsx";
import { Chart, measureColors } from "../../ui/Chart.tsx";
import { measureBars } from "../../ui/chart-options.ts";
import { FigureFacts, useFundingFacts } from "../../ui/FigureFacts.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { IllustrativeBadge, MarkedValue, SourceLine } from "../../ui/Provenance.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { StatusBadge } from "../../ui/StatusBadge.tsx";
import { AuditHistory } from "../audit/AuditHistory.tsx";
import { conversionNote, conversionNoteText } from "../exchange-rates/conversion-note.ts";
import { FinanceSplit } from "../funding/FinanceSplit.tsx";
import { FlowsTable } from "../funding/FlowsTable.tsx";
import { FundingKpis } from "../funding/FundingKpis.tsx";
import { ResultsFramework } from "../indicators/ResultsFramework.tsx";
import { InitiativeParagraphs } from "../mandates/InitiativeParagraphs.tsx";
import { RequestList } from "../requests/RequestList.tsx";
import { IndicatorTargets } from "./IndicatorTargets.tsx";
import { StatusHistory } from "./StatusHistory.tsx";

export function InitiativePage() {
  const { id = "" } = useParams();
  const initiative = useInitiative(id);
  return (
    <QueryState query={initiative}>{(data) => <InitiativeView initiative={data} />}</QueryState>
  );
}

function PipelineChart({
  total,
  code,
  updatedAt,
}: {
  total: FundingMeasures;
  code: string;
  updatedAt: number;
}) {
  const { t, fmt } = useI18n();
  const facts = useFundingFacts(updatedAt);
  const option = useMemo(
    () =>
      measureBars({
        categories: [code],
        series: [
          { name: t("measure.budget"), color: measureColors.budget, values: [total.budget] },
          {
            name: t("measure.announced"),
            color: measureColors.announced,
            values: [total.announced],
          },
          {
            name: t("measure.committed"),
            color: measureColors.committed,
            values: [total.committed],
          },
          {
            name: t("measure.disbursed"),
            color: measureColors.disbursed,
            values: [total.disbursed],
          },
        ],
        fmt,
      }),
    [total, code, t, fmt],
  );
  return (
    <>
      <Chart
        option={option}
        height={300}
        label={t("chart.describe", { title: t("initiative.pipeline") })}
      />
      <FigureFacts {...facts} />
    </>
  );
}

function InitiativeView({ initiative }: { initiative: Initiative }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const funding = useFundingSummary([], { initiative: initiative.id });
  const invented = (...fields: Initiative["illustrative_fields"]) =>
    fields.some((field) => initiative.illustrative_fields.includes(field));
  // A budget valued with a rate from before its value date's month says so (an annual
  // average already names itself in the basis below).
  const note = conversionNote({
    currency: initiative.budget.currency,
    valueDate: initiative.budget_value_date,
    rateDate: initiative.budget_fx.date,
    basis: initiative.budget_fx.basis,
  });
  const olderRate = note?.kind === "older" ? conversionNoteText(note, t, fmt.date) : null;
  const rows: [string, ReactNode, boolean][] = [
    [
      t("initiative.component"),
      <Anchor component={Link} to={`/components/${initiative.component.code}`} key="c">
        {initiative.component.code} · {pick(initiative.component.name)}
      </Anchor>,
      false,
    ],
    [
      t("initiative.lineOfAction"),
      initiative.line_of_action
        ? `${initiative.line_of_action.code} · ${pick(initiative.line_of_action.name)}`
        : "—",
      invented("line_of_action"),
    ],
    [
      t("initiative.leadCountry"),
      <Anchor component={Link} to={`/countries/${initiative.lead_country}`} key="l">
        {fmt.country(initiative.lead_country)}
      </Anchor>,
      invented("lead_country"),
    ],
    [
      t("initiative.countries"),
      initiative.countries.map((c) => fmt.country(c)).join(", "),
      invented("countries"),
    ],
    [
      t("initiative.executingAgency"),
      initiative.executing_agency ? pick(initiative.executing_agency.name) : "—",
      invented("executing_agency"),
    ],
    [
      t("initiative.budgetOriginal"),
      fmt.money(initiative.budget.amount, initiative.budget.currency),
      invented("budget"),
    ],
    [
      t("initiative.budgetUsd"),
      initiative.budget.currency === "USD"
        ? fmt.money(initiative.budget_usd.amount, "USD")
        : olderRate
          ? `${fmt.money(initiative.budget_usd.amount, "USD")} (${olderRate})`
          : initiative.budget_fx.basis
            ? t("initiative.budgetConvertedBasis", {
                amount: fmt.money(initiative.budget_usd.amount, "USD"),
                rate: initiative.budget_fx.rate,
                basis: t(`rateBasis.${initiative.budget_fx.basis}`),
                date: fmt.date(initiative.budget_fx.date),
              })
            : t("initiative.budgetConverted", {
                amount: fmt.money(initiative.budget_usd.amount, "USD"),
                rate: initiative.budget_fx.rate,
                date: fmt.date(initiative.budget_fx.date),
              }),
      invented("budget"),
    ],
    [
      t("initiative.period"),
      initiative.start_date || initiative.end_date
        ? `${initiative.start_date ? fmt.date(initiative.start_date) : "…"} – ${initiative.end_date ? fmt.date(initiative.end_date) : "…"}`
        : "—",
      invented("start_date", "end_date"),
    ],
    [
      t("initiative.sectors"),
      initiative.sectors.length
        ? initiative.sectors.map((s) => `${s.code} (${fmt.percent(s.percentage)})`).join(", ")
        : "—",
      invented("sectors"),
    ],
    [t("initiative.updated"), fmt.dateTime(initiative.updated_at), false],
  ];
  return (
    <>
      <PageHeader
        crumbs={[{ to: "/initiatives", label: t("nav.initiatives") }]}
        kicker={
          <MarkedValue marked={invented("code")}>
            {t("initiative.kicker", { code: initiative.code })}
          </MarkedValue>
        }
        title={
          <MarkedValue marked={invented("title")}>
            <BilingualText value={initiative.title} />
          </MarkedValue>
        }
        badges={
          <>
            <MarkedValue marked={invented("status")}>
              <StatusBadge status={initiative.status} />
            </MarkedValue>
            {initiative.illustrative ? <IllustrativeBadge /> : null}
          </>
        }
        description={
          <MarkedValue marked={invented("summary")}>
            <BilingualText value={initiative.summary} />
          </MarkedValue>
        }
      />
      <Container size="xl">
        <Stack gap="lg">
          <QueryState query={funding}>
            {(summary) => (
              <Stack gap={6}>
                <FundingKpis total={summary.total} currency={summary.currency} />
                <FinanceSplit filters={{ initiative: initiative.id }} />
                <SourceLine source={initiative.source} illustrative={initiative.illustrative} />
                <InitiativeParagraphs initiativeId={initiative.id} />
              </Stack>
            )}
          </QueryState>
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Section
                title={t("initiative.pipeline")}
                description={t("initiative.pipelineHelp")}
                id="pipeline"
              >
                <QueryState query={funding}>
                  {(summary) => (
                    <PipelineChart
                      total={summary.total}
                      code={initiative.code}
                      updatedAt={funding.dataUpdatedAt}
                    />
                  )}
                </QueryState>
              </Section>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Section title={t("initiative.details")} id="details">
                <Table fz="sm" verticalSpacing={6}>
                  <Table.Tbody>
                    {rows.map(([label, value, marked]) => (
                      <Table.Tr key={label}>
                        <Table.Th scope="row" w="40%" fw={600}>
                          {label}
                        </Table.Th>
                        <Table.Td>
                          <MarkedValue marked={marked}>{value}</MarkedValue>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Text size="xs" c="dimmed" mt="xs">
                  {t("initiative.versionNote", { version: initiative.version })}
                </Text>
              </Section>
            </Grid.Col>
          </Grid>
          <Section title={t("results.title")} description={t("results.help")} id="results">
            <ResultsFramework initiative={initiative.id} />
          </Section>
          <Section title={t("initiative.flows")} description={t("initiative.flowsHelp")} id="flows">
            <FlowsTable
              query={{ initiative_id: initiative.id }}
              caption={t("initiative.flows")}
              fileName={`esca-initiative-${initiative.code}-flows`}
              showLinks
            />
          </Section>
          <Section
            title={t("initiative.requests")}
            description={t("initiative.requestsHelp")}
            id="requests"
          >
            <RequestList query={{ initiative: initiative.code }} />
          </Section>
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Section title={t("initiative.history")} id="history">
                <StatusHistory initiativeId={initiative.id} />
              </Section>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Section title={t("initiative.indicators")} id="indicators">
                <MarkedValue marked={invented("targets")}>
                  <IndicatorTargets initiative={initiative} />
                </MarkedValue>
              </Section>
            </Grid.Col>
          </Grid>
          <Section title={t("audit.title")} description={t("audit.publicHelp")} id="audit">
            <AuditHistory entityType="initiatives" entityId={initiative.id} />
          </Section>
        </Stack>
      </Container>
    </>
  );
}
