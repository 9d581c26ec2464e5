import { Anchor, Badge, Container, Stack, Text } from "@mantine/core";
import { useParams } from "react-router";
import type { Organization } from "../../../contracts/organizations.ts";
import { useFundingSummary, useOrganizations } from "../../api/queries.ts";
import { NotFoundPage } from "../../app/NotFoundPage.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { BodyProfile, hasMoney } from "../directory/BodyProfile.tsx";
import { FinanceSplit } from "../funding/FinanceSplit.tsx";
import { FlowsTable } from "../funding/FlowsTable.tsx";
import { FundingKpis } from "../funding/FundingKpis.tsx";
import { arrivalBars, SummaryBreakdown } from "../funding/SummaryBreakdown.tsx";
import { InitiativeList } from "../initiatives/InitiativeList.tsx";

export function PartnerPage() {
  const { id = "" } = useParams();
  const organizations = useOrganizations();
  return (
    <QueryState query={organizations}>
      {(list) => {
        const partner = list.data.find((o) => o.id === id || o.code === id);
        return partner ? <PartnerView partner={partner} /> : <NotFoundPage />;
      }}
    </QueryState>
  );
}

function PartnerView({ partner }: { partner: Organization }) {
  const { t } = useI18n();
  const funding = useFundingSummary([], { partner: partner.id });
  // An OAS body leads with what it does and gave; its money shows only when there is some.
  const body = partner.kind === "oas_body";
  const showMoney = !body || (funding.data ? hasMoney(funding.data.total) : false);
  return (
    <>
      <PageHeader
        crumbs={[{ to: "/partners", label: t("nav.partners") }]}
        kicker={t(`orgKind.${partner.kind}`)}
        title={<BilingualText value={partner.name} />}
        badges={
          <>
            {partner.acronym ? (
              <Badge variant="outline" color="gray.6" c="#3d4652">
                {partner.acronym}
              </Badge>
            ) : null}
            {partner.group_of_friends ? (
              <Badge variant="filled" bg="#dcf3ee" c="#0f5132">
                {t("partner.groupOfFriends")}
              </Badge>
            ) : null}
          </>
        }
        description={
          partner.website ? (
            <Anchor href={partner.website} target="_blank" rel="noreferrer">
              {partner.website}
            </Anchor>
          ) : undefined
        }
      />
      <Container size="xl">
        <Stack gap="lg">
          {body ? <BodyProfile code={partner.code} /> : null}
          {showMoney ? (
            <>
              <QueryState query={funding}>
                {(summary) => (
                  <Stack gap={6}>
                    <FundingKpis total={summary.total} currency={summary.currency} />
                    <FinanceSplit filters={{ partner: partner.id }} />
                    <Text size="xs" c="dimmed">
                      {t("partner.kpiNote")}
                    </Text>
                  </Stack>
                )}
              </QueryState>
              <SummaryBreakdown
                id="partner-by-year"
                dimension="year"
                filters={{ partner: partner.id }}
                title={t("partner.byYear")}
                chartMeasures={arrivalBars}
                tableMeasures={["announced", "committed", "disbursed"]}
                fileName={`esca-${partner.code}-by-year`}
              />
              <SummaryBreakdown
                id="partner-by-finance-type"
                dimension="finance_type"
                filters={{ partner: partner.id }}
                title={t("partner.byFinanceType")}
                description={t("finance.splitHelp")}
                chartMeasures={arrivalBars}
                tableMeasures={["announced", "committed", "disbursed", "announced_not_committed"]}
                fileName={`esca-${partner.code}-by-finance-type`}
              />
            </>
          ) : null}
          <Section
            title={t("partner.flows")}
            description={t("initiative.flowsHelp")}
            id="partner-flows"
          >
            <FlowsTable
              query={{ partner_id: partner.id }}
              caption={t("partner.flows")}
              fileName={`esca-${partner.code}-flows`}
              hidePartner
            />
          </Section>
          <Section title={t("partner.initiatives")} id="partner-initiatives">
            <InitiativeList
              query={{ partner: partner.id }}
              listLink={`/initiatives?partner=${partner.code}`}
              caption={t("partner.initiatives")}
              fileName={`esca-${partner.code}-initiatives`}
            />
          </Section>
        </Stack>
      </Container>
    </>
  );
}
