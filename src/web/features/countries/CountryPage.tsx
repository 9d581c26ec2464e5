import { Container, Grid, Stack, Text } from "@mantine/core";
import { useParams } from "react-router";
import { memberStates } from "../../../contracts/enum-values.ts";
import type { MemberState } from "../../../contracts/enums.ts";
import { useFundingSummary } from "../../api/queries.ts";
import { NotFoundPage } from "../../app/NotFoundPage.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { FinanceSplit } from "../funding/FinanceSplit.tsx";
import { FundingKpis } from "../funding/FundingKpis.tsx";
import { budgetBars, fundingColumns, SummaryBreakdown } from "../funding/SummaryBreakdown.tsx";
import { CountrySeries } from "../indicators/CountrySeries.tsx";
import { useIndicator, useObservations } from "../indicators/indicators-api.ts";
import { RegionalInitiatives } from "./RegionalInitiatives.tsx";

const isMemberState = (code: string): code is MemberState =>
  memberStates.includes(code as MemberState);

export function CountryPage() {
  const { code = "" } = useParams();
  const upper = code.toUpperCase();
  return isMemberState(upper) ? <CountryView code={upper} /> : <NotFoundPage />;
}

function CountryView({ code }: { code: MemberState }) {
  const { t, fmt } = useI18n();
  const funding = useFundingSummary([], { country: code });
  const indicator = useIndicator("homicide_rate");
  const rates = useObservations("homicide_rate", code);
  const name = fmt.country(code);
  return (
    <>
      <PageHeader
        crumbs={[{ to: "/countries", label: t("nav.countries") }]}
        kicker={t("country.kicker")}
        title={name}
        description={t("country.lead", { country: name })}
      />
      <Container size="xl">
        <Stack gap="lg">
          <QueryState query={funding}>
            {(summary) => (
              <Stack gap={6}>
                <FundingKpis total={summary.total} currency={summary.currency} />
                <FinanceSplit filters={{ country: code }} />
                <Text size="sm" c="#3d4652" data-testid="country-kpi-note">
                  {t("country.kpiNote", { country: name })}
                </Text>
              </Stack>
            )}
          </QueryState>
          <SummaryBreakdown
            id="country-led"
            dimension="initiative"
            filters={{ country: code }}
            title={t("country.led", { country: name })}
            description={t("country.ledHelp")}
            chartMeasures={budgetBars}
            tableMeasures={[...fundingColumns, "announced_not_committed"]}
            fileName={`esca-${code}-led-initiatives`}
            horizontal
          />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <SummaryBreakdown
                id="country-by-component"
                dimension="component"
                filters={{ country: code }}
                title={t("country.byComponent", { country: name })}
                chartMeasures={budgetBars}
                tableMeasures={fundingColumns}
                fileName={`esca-${code}-by-component`}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Section
                title={t("country.rateTitle")}
                description={t("country.rateHelp")}
                id="homicide-rate"
              >
                <QueryState query={rates}>
                  {(list) =>
                    indicator.data ? (
                      <CountrySeries
                        indicator={indicator.data}
                        observations={list.data}
                        country={code}
                      />
                    ) : null
                  }
                </QueryState>
              </Section>
            </Grid.Col>
          </Grid>
          <Section
            title={t("country.participating", { country: name })}
            description={t("country.participatingHelp", { country: name })}
            id="country-participating"
          >
            <RegionalInitiatives code={code} />
          </Section>
        </Stack>
      </Container>
    </>
  );
}
