import { Button, Container, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import type { User } from "../../../contracts/accounts.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";

/**
 * /workspace/flows for someone who records no support: what the page is for (partners record
 * their own organization's entries, the secretariat reviews them) and where this person's own
 * work is — never a pledge form in the name of their country or body.
 */
export function FlowsNotForRole({ user }: { user: User }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const country = user.organization.country;
  const focal = user.role === "focal_point";
  return (
    <>
      <PageHeader
        kicker={t("nav.workspace")}
        title={t("flowsPage.title")}
        description={t("flowsPage.purpose")}
      />
      <Container size="xl">
        <Stack gap="md" maw={720} data-testid="flows-not-for-role">
          <Text>
            {focal && country
              ? t("flowsPage.focalPoint", { country: fmt.country(country) })
              : t("flowsPage.otherRole", { organization: pick(user.organization.name) })}
          </Text>
          <Group>
            {focal ? (
              <Button component={Link} to="/workspace">
                {t("flowsPage.ownInitiatives")}
              </Button>
            ) : null}
            <Button component={Link} to="/workspace/requests" variant={focal ? "light" : "filled"}>
              {t(focal ? "flowsPage.requestSupport" : "flowsPage.answerRequests")}
            </Button>
            {focal && country ? (
              <Button component={Link} to={`/countries/${country}`} variant="light">
                {t("flowsPage.countryFunding", { country: fmt.country(country) })}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Container>
    </>
  );
}
