import { Alert, Anchor, Container, Divider, Paper, Stack, Text } from "@mantine/core";
import { Link, useOutletContext, useParams } from "react-router";
import type { Initiative } from "../../../contracts/initiatives.ts";
import { useInitiative } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText, usePick } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import type { WorkspaceContext } from "../workspace/workspace-context.ts";
import { DefineIndicatorForm } from "./DefineIndicatorForm.tsx";
import { useResultsFramework } from "./indicators-api.ts";
import { ReportActualForm } from "./ReportActualForm.tsx";
import { ProgressBadge } from "./ResultsFramework.tsx";

/** Workspace: the lead country's focal point (or the secretariat) reports results. */
export function ResultsWorkspacePage() {
  const { id = "" } = useParams();
  const initiative = useInitiative(id);
  return <QueryState query={initiative}>{(data) => <ResultsWorkspace data={data} />}</QueryState>;
}

function ResultsWorkspace({ data }: { data: Initiative }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const { user, staff } = useOutletContext<WorkspaceContext>();
  // Keyed by the initiative's id, as the forms' updates and the public page are.
  const framework = useResultsFramework(data.id);
  const mayReport =
    staff || (user.role === "focal_point" && user.organization.country === data.lead_country);
  return (
    <>
      <PageHeader
        crumbs={[
          { to: "/workspace", label: t("nav.workspace") },
          { to: `/workspace/initiatives/${data.id}`, label: data.code },
        ]}
        kicker={t("results.title")}
        title={<BilingualText value={data.title} />}
        description={
          <Anchor component={Link} to={`/initiatives/${data.id}#results`}>
            {t("workspace.publicPage")}
          </Anchor>
        }
      />
      <Container size="lg">
        {!mayReport ? (
          <Alert color="red" role="alert" title={t("workspace.forbiddenTitle")}>
            {t("workspace.notYourCountry", { country: fmt.country(data.lead_country) })}
          </Alert>
        ) : (
          <Stack gap="lg">
            <QueryState query={framework}>
              {({ data: indicators }) => (
                <Stack gap="md">
                  {indicators.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t("results.none")}
                    </Text>
                  ) : null}
                  {indicators.map((indicator) => (
                    <Paper key={indicator.id} withBorder p="md" radius="md">
                      <Stack gap="xs">
                        <Text fw={600}>
                          {indicator.code} · {pick(indicator.name)}
                        </Text>
                        <ProgressBadge progress={indicator.progress} />
                        <Divider />
                        <ReportActualForm indicator={indicator} />
                      </Stack>
                    </Paper>
                  ))}
                </Stack>
              )}
            </QueryState>
            <Section title={t("results.defineTitle")} id="define-indicator">
              <DefineIndicatorForm initiative={data.id} />
            </Section>
          </Stack>
        )}
      </Container>
    </>
  );
}
