import { Alert, Anchor, Container, Grid, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useOutletContext, useParams } from "react-router";
import type { User } from "../../../../contracts/accounts.ts";
import type { Initiative } from "../../../../contracts/initiatives.ts";
import { useInitiative, useTransitions } from "../../../api/queries.ts";
import { useI18n } from "../../../i18n/i18n.tsx";
import { BilingualText } from "../../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../../ui/PageHeader.tsx";
import { QueryState } from "../../../ui/QueryState.tsx";
import { StatusBadge } from "../../../ui/StatusBadge.tsx";
import { isStaff } from "../../accounts/session.ts";
import { AuditHistory } from "../../audit/AuditHistory.tsx";
import type { WorkspaceContext } from "../../workspace/workspace-context.ts";
import { StatusHistory } from "../StatusHistory.tsx";
import { InitiativeForm } from "./InitiativeForm.tsx";
import { TransitionPanel } from "./TransitionPanel.tsx";

const FINAL = ["completed", "rejected", "cancelled"];

/** What the interface offers; the API decides again on every request (and may refuse). */
const mayEditInitiative = (user: User, leadCountry: string) =>
  isStaff(user) || (user.role === "focal_point" && user.organization.country === leadCountry);

export function NewInitiativePage() {
  const { t } = useI18n();
  const { user } = useOutletContext<WorkspaceContext>();
  const navigate = useNavigate();
  const client = useQueryClient();
  return (
    <>
      <PageHeader
        title={t("workspace.newInitiative")}
        description={t("form.newLead")}
        crumbs={[{ to: "/workspace", label: t("nav.workspace") }]}
      />
      <Container size="lg">
        <Section title={t("initiative.details")} id="new-initiative">
          <InitiativeForm
            user={user}
            onSaved={(saved) => {
              client.setQueryData(["initiative", saved.id], saved);
              void client.invalidateQueries({ queryKey: ["initiatives"] });
              void navigate(`/workspace/initiatives/${saved.id}?created=1`);
            }}
          />
        </Section>
      </Container>
    </>
  );
}

/** The secretariat's latest comment, when it sent the initiative back or rejected it. */
function SecretariatComment({ initiative }: { initiative: Initiative }) {
  const { t } = useI18n();
  const transitions = useTransitions(initiative.id);
  const last = transitions.data?.data.at(-1);
  if (!last?.reason || !["draft", "rejected"].includes(initiative.status)) return null;
  return (
    <Alert
      color="orange"
      title={t(
        initiative.status === "rejected"
          ? "workspace.rejectedComment"
          : "workspace.returnedComment",
      )}
      data-testid="secretariat-comment"
    >
      <Text size="sm" className="timeline-reason">
        {last.reason}
      </Text>
    </Alert>
  );
}

export function InitiativeWorkspacePage() {
  const { id = "" } = useParams();
  const initiative = useInitiative(id);
  return (
    <QueryState query={initiative}>
      {(data) => (
        <InitiativeWorkspace initiative={data} refetch={() => void initiative.refetch()} />
      )}
    </QueryState>
  );
}

function InitiativeWorkspace({
  initiative,
  refetch,
}: {
  initiative: Initiative;
  refetch: () => void;
}) {
  const { t, fmt } = useI18n();
  const { user, staff } = useOutletContext<WorkspaceContext>();
  const client = useQueryClient();
  const [saved, setSaved] = useState(false);
  const updated = (next: Initiative) => {
    client.setQueryData(["initiative", initiative.id], next);
    void client.invalidateQueries({ queryKey: ["transitions", initiative.id] });
    void client.invalidateQueries({ queryKey: ["audit"] });
    void client.invalidateQueries({ queryKey: ["initiatives"] });
    void client.invalidateQueries({ queryKey: ["funding-summary"] });
  };
  const header = (
    <PageHeader
      crumbs={[{ to: "/workspace", label: t("nav.workspace") }]}
      kicker={t("initiative.kicker", { code: initiative.code })}
      title={<BilingualText value={initiative.title} />}
      badges={<StatusBadge status={initiative.status} />}
      description={
        <>
          <Anchor component={Link} to={`/initiatives/${initiative.id}`}>
            {t("workspace.publicPage")}
          </Anchor>
          {" · "}
          <Anchor component={Link} to={`/workspace/initiatives/${initiative.id}/results`}>
            {t("results.reportLink")}
          </Anchor>
        </>
      }
    />
  );
  if (!mayEditInitiative(user, initiative.lead_country)) {
    return (
      <>
        {header}
        <Container size="lg">
          <Alert
            color="red"
            title={t("workspace.forbiddenTitle")}
            role="alert"
            data-testid="not-allowed"
          >
            {t("workspace.notYourCountry", { country: fmt.country(initiative.lead_country) })}
          </Alert>
        </Container>
      </>
    );
  }
  return (
    <>
      {header}
      <Container size="xl">
        <Stack gap="lg">
          <SecretariatComment initiative={initiative} />
          <Section title={t("workspace.nextSteps")} id="steps">
            <TransitionPanel
              user={user}
              initiative={initiative}
              onChanged={updated}
              onReload={refetch}
            />
          </Section>
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Section
                title={t("workspace.edit")}
                id="edit"
                description={t("initiative.versionNote", { version: initiative.version })}
              >
                {FINAL.includes(initiative.status) ? (
                  <Text size="sm" c="dimmed">
                    {t("workspace.finalNoEdit")}
                  </Text>
                ) : (
                  <Stack gap="sm">
                    {saved ? (
                      <Alert color="green" title={t("form.saved")} aria-live="polite">
                        {t("form.savedBody", { version: initiative.version })}
                      </Alert>
                    ) : null}
                    <InitiativeForm
                      key={initiative.version}
                      user={user}
                      initiative={initiative}
                      onSaved={(next) => {
                        setSaved(true);
                        updated(next);
                      }}
                      onReload={() => {
                        setSaved(false);
                        refetch();
                      }}
                    />
                  </Stack>
                )}
              </Section>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Section title={t("initiative.history")} id="history">
                <StatusHistory initiativeId={initiative.id} />
              </Section>
            </Grid.Col>
          </Grid>
          {staff ? (
            <Section title={t("audit.title")} description={t("audit.help")} id="audit">
              <AuditHistory entityType="initiatives" entityId={initiative.id} />
            </Section>
          ) : null}
        </Stack>
      </Container>
    </>
  );
}
