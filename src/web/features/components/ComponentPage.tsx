import { Container, Grid, List, Stack } from "@mantine/core";
import { useParams } from "react-router";
import type { StrategyComponent } from "../../../contracts/strategy.ts";
import { useComponents, useFundingSummary } from "../../api/queries.ts";
import { NotFoundPage } from "../../app/NotFoundPage.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { FinanceSplit } from "../funding/FinanceSplit.tsx";
import { FundingKpis } from "../funding/FundingKpis.tsx";
import { RegionWideNote } from "../funding/RegionWideNote.tsx";
import { budgetBars, fundingColumns, SummaryBreakdown } from "../funding/SummaryBreakdown.tsx";
import { InitiativeList } from "../initiatives/InitiativeList.tsx";

export function ComponentPage() {
  const { code = "" } = useParams();
  const components = useComponents();
  return (
    <QueryState query={components}>
      {(list) => {
        const component = list.data.find((c) => c.code === code.toUpperCase() || c.id === code);
        return component ? <ComponentView component={component} /> : <NotFoundPage />;
      }}
    </QueryState>
  );
}

function ComponentView({ component }: { component: StrategyComponent }) {
  const { t } = useI18n();
  const funding = useFundingSummary([], { component: component.id });
  return (
    <>
      <PageHeader
        crumbs={[{ to: "/components", label: t("nav.components") }]}
        kicker={t("components.component", { code: component.code })}
        title={<BilingualText value={component.name} />}
        description={<BilingualText value={component.description} />}
      />
      <Container size="xl">
        <Stack gap="lg">
          <QueryState query={funding}>
            {(summary) => (
              <Stack gap={6}>
                <FundingKpis total={summary.total} currency={summary.currency} />
                <FinanceSplit filters={{ component: component.id }} />
              </Stack>
            )}
          </QueryState>
          <RegionWideNote />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <SummaryBreakdown
                id="component-by-country"
                dimension="country"
                filters={{ component: component.id }}
                title={t("component.byCountry")}
                chartMeasures={budgetBars}
                tableMeasures={fundingColumns}
                fileName={`esca-component-${component.code}-by-country`}
                horizontal
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Section
                title={t("components.linesOfAction", { count: component.lines_of_action.length })}
                id="lines"
              >
                <List size="sm" spacing={4}>
                  {component.lines_of_action.map((line) => (
                    <List.Item key={line.id}>
                      {line.code} · <BilingualText value={line.name} />
                    </List.Item>
                  ))}
                </List>
              </Section>
            </Grid.Col>
          </Grid>
          <Section title={t("component.initiatives")} id="component-initiatives">
            <InitiativeList
              query={{ component: component.code }}
              listLink={`/initiatives?component=${component.code}`}
              caption={t("component.initiatives")}
              fileName={`esca-component-${component.code}-initiatives`}
            />
          </Section>
        </Stack>
      </Container>
    </>
  );
}
