import { Anchor, Container, Stack } from "@mantine/core";
import { Link } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { LedgerSources } from "../funding/LedgerSources.tsx";
import { PartnersFunding } from "./PartnersFunding.tsx";

export function PartnersPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader
        kicker={t("nav.partners")}
        title={t("partners.title")}
        description={t("partners.lead")}
        aside={
          <Anchor component={Link} to="/reconciliation" size="sm">
            {t("partners.reconciliationLink")}
          </Anchor>
        }
      />
      <Container size="xl">
        <Stack gap="lg">
          <PartnersFunding />
          <LedgerSources />
        </Stack>
      </Container>
    </>
  );
}
