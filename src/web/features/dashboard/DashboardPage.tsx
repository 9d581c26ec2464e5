import { Anchor, Container, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useConferences, useFundingSummary } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { FinanceSplit } from "../funding/FinanceSplit.tsx";
import { FundingByComponent } from "../funding/FundingByComponent.tsx";
import { FundingKpis } from "../funding/FundingKpis.tsx";
import { LedgerSources } from "../funding/LedgerSources.tsx";
import {
  arrivalBars,
  budgetBars,
  fundingColumns,
  SummaryBreakdown,
} from "../funding/SummaryBreakdown.tsx";
import { MandatesPanel } from "../mandates/MandatesPanel.tsx";

function ConferenceLine() {
  const { fmt, t } = useI18n();
  const query = useConferences();
  const conference = query.data?.data[0];
  if (!conference) return null;
  return (
    <Text size="sm" c="#c7d7ea">
      <Anchor
        component={Link}
        to={`/conferences/${conference.code}`}
        c="inherit"
        underline="always"
      >
        <BilingualText value={conference.name} />
      </Anchor>{" "}
      · {conference.city} · {fmt.date(conference.start_date)} ·{" "}
      <Anchor component={Link} to={`/conferences/${conference.code}/live`} c="#fff" size="sm">
        {t("liveBoard.open")}
      </Anchor>
    </Text>
  );
}

export function DashboardPage() {
  const { t } = useI18n();
  const total = useFundingSummary([]);
  return (
    <>
      <div className="hero">
        <Container size="xl">
          <Stack gap="xs">
            <Text className="hero-kicker">{t("dashboard.kicker")}</Text>
            <Title order={1} fz={{ base: 26, sm: 36 }} maw={820}>
              {t("dashboard.title")}
            </Title>
            <Text className="hero-lead" size="lg">
              {t("dashboard.lead")}
            </Text>
            <ConferenceLine />
          </Stack>
        </Container>
      </div>
      <Container size="xl" className="overlap">
        <Stack gap="lg">
          <QueryState query={total}>
            {(summary) => (
              <Stack gap={6}>
                <FundingKpis total={summary.total} currency={summary.currency} />
                <FinanceSplit />
                <Text size="xs" c="dimmed">
                  {t("dashboard.kpiNote")}
                </Text>
              </Stack>
            )}
          </QueryState>
          <FundingByComponent id="by-component" />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <SummaryBreakdown
              id="by-country"
              dimension="country"
              title={t("dashboard.byCountry")}
              description={t("dashboard.byCountryHelp")}
              chartMeasures={budgetBars}
              tableMeasures={fundingColumns}
              fileName="esca-funding-by-country"
              horizontal
            />
            <SummaryBreakdown
              id="by-year"
              dimension="year"
              title={t("dashboard.byYear")}
              description={t("dashboard.byYearHelp")}
              chartMeasures={arrivalBars}
              tableMeasures={["announced", "committed", "disbursed"]}
              fileName="esca-funding-by-year"
            />
          </SimpleGrid>
          <SummaryBreakdown
            id="promises-gap"
            dimension="partner"
            title={t("dashboard.promisesGap")}
            description={t("dashboard.promisesGapHelp")}
            chartMeasures={arrivalBars}
            tableMeasures={["announced", "committed", "disbursed", "announced_not_committed"]}
            fileName="esca-promises-gap-by-partner"
            horizontal
          />
          <SummaryBreakdown
            id="by-finance-type"
            dimension="finance_type"
            title={t("finance.splitTitle")}
            description={t("finance.splitHelp")}
            chartMeasures={arrivalBars}
            tableMeasures={["announced", "committed", "disbursed", "announced_not_committed"]}
            fileName="esca-funding-by-finance-type"
            horizontal
          />
          <MandatesPanel />
          <Group justify="space-between">
            <Anchor component={Link} to="/countries">
              {t("dashboard.seeMap")}
            </Anchor>
            <Anchor component={Link} to="/initiatives">
              {t("dashboard.seeInitiatives")}
            </Anchor>
          </Group>
          <LedgerSources />
        </Stack>
      </Container>
    </>
  );
}
