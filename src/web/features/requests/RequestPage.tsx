import {
  Anchor,
  Button,
  Container,
  Group,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
} from "@mantine/core";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { User } from "../../../contracts/accounts.ts";
import type {
  SupportRequestDetail,
  SupportRequestStepAction,
} from "../../../contracts/support-requests.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { isStaff, useSession } from "../accounts/session.ts";
import { useMandates } from "../mandates/mandates-api.ts";
import { RequestStatusBadge } from "./RequestList.tsx";
import { useLinkFlow, useRequestStep, useSupportRequest } from "./requests-api.ts";

/** The steps each status allows (the server's workflow decides; this only offers them). */
const actionsFor: Record<SupportRequestDetail["status"], SupportRequestStepAction[]> = {
  submitted: ["acknowledge", "decline"],
  acknowledged: ["accept", "decline"],
  accepted: ["progress", "complete"],
  declined: [],
  completed: [],
};

const mayRespond = (user: User | undefined, request: SupportRequestDetail) =>
  !!user &&
  (isStaff(user) || (user.role === "body_officer" && user.organization.id === request.body.id));

export function RequestPage() {
  const { id = "" } = useParams();
  const request = useSupportRequest(id);
  return <QueryState query={request}>{(detail) => <RequestView request={detail} />}</QueryState>;
}

function RequestView({ request }: { request: SupportRequestDetail }) {
  const { t, fmt } = useI18n();
  const session = useSession();
  const responder = mayRespond(session.data?.user ?? undefined, request);
  // The paragraph the request cites leads to its mandate, once that resolution is imported.
  const mandates = useMandates();
  const mandate = mandates.data?.data.find(
    (m) => m.resolution.symbol === request.resolution_symbol && m.paragraph === request.paragraph,
  );
  const paragraph = t("requests.paragraphOf", {
    paragraph: String(request.paragraph),
    symbol: request.resolution_symbol,
  });
  return (
    <>
      <PageHeader
        crumbs={[{ to: "/directory", label: t("directory.title") }]}
        kicker={
          mandate ? (
            <Anchor component={Link} to={`/mandates/${mandate.id}`} inherit underline="always">
              {paragraph}
            </Anchor>
          ) : (
            paragraph
          )
        }
        title={request.what}
        badges={<RequestStatusBadge status={request.status} />}
      />
      <Container size="xl">
        <Stack gap="lg">
          <Section title={t("requests.details")} id="request-details">
            <Stack gap={6}>
              <Text>
                {t("requests.field.initiative")}:{" "}
                <Anchor component={Link} to={`/initiatives/${request.initiative.code}`}>
                  {request.initiative.code} · <BilingualText value={request.initiative.title} />
                </Anchor>{" "}
                ({fmt.country(request.country)})
              </Text>
              <Text>
                {t("requests.field.body")}:{" "}
                <Anchor component={Link} to={`/partners/${request.body.code}`}>
                  <BilingualText value={request.body.name} />
                </Anchor>
              </Text>
              <Text>
                {t("requests.field.why")}: {request.why}
              </Text>
              {request.needed_by ? (
                <Text>
                  {t("requests.field.neededBy")}: {fmt.date(request.needed_by)}
                </Text>
              ) : null}
              {request.illustrative ? (
                <Text size="sm" c="dimmed">
                  {t("requests.illustrative")}
                </Text>
              ) : null}
              {request.flow_id ? (
                <Text size="sm">{t("requests.linkedFlow", { id: request.flow_id })}</Text>
              ) : null}
            </Stack>
          </Section>
          <Section title={t("requests.timeline")} id="request-timeline">
            <Timeline active={request.timeline.length - 1} bulletSize={14} data-testid="timeline">
              {request.timeline.map((step) => (
                <Timeline.Item
                  key={`${step.at}-${step.action}`}
                  title={t(`requests.step.${step.action}`)}
                >
                  <Text size="sm" c="dimmed">
                    {fmt.dateTime(step.at)}
                    {step.organization ? " · " : ""}
                    {step.organization ? <BilingualText value={step.organization.name} /> : null}
                    {step.role ? ` · ${t(`role.${step.role}`)}` : ""}
                  </Text>
                  {step.note ? <Text size="sm">{step.note}</Text> : null}
                </Timeline.Item>
              ))}
            </Timeline>
          </Section>
          {responder ? <RequestActions request={request} /> : null}
        </Stack>
      </Container>
    </>
  );
}

function RequestActions({ request }: { request: SupportRequestDetail }) {
  const { t } = useI18n();
  const step = useRequestStep(request.id);
  const link = useLinkFlow(request.id);
  const [note, setNote] = useState("");
  const [flowId, setFlowId] = useState("");
  const actions = actionsFor[request.status];
  return (
    <Section title={t("requests.answer")} id="request-answer">
      <Stack gap="sm">
        {actions.length ? (
          <>
            <Textarea
              label={t("requests.field.note")}
              description={t("requests.noteHelp")}
              autosize
              minRows={2}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={fieldError(step.error, "note")}
            />
            <Group>
              {actions.map((action) => (
                <Button
                  key={action}
                  variant={action === "decline" ? "outline" : "filled"}
                  color={action === "decline" ? "red" : "blue"}
                  loading={step.isPending && step.variables?.action === action}
                  onClick={() =>
                    step.mutate(
                      { action, note: note.trim() || null },
                      { onSuccess: () => setNote("") },
                    )
                  }
                >
                  {t(`requests.action.${action}`)}
                </Button>
              ))}
            </Group>
            <ApiErrorAlert error={step.error} shownPaths={["note"]} />
          </>
        ) : null}
        {request.status === "completed" && !request.flow_id ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              link.mutate(flowId.trim());
            }}
          >
            <Group align="flex-end">
              <TextInput
                label={t("requests.field.flow")}
                description={t("requests.flowHelp")}
                value={flowId}
                onChange={(e) => setFlowId(e.currentTarget.value)}
                error={fieldError(link.error, "flow_id")}
              />
              <Button type="submit" loading={link.isPending}>
                {t("requests.action.link")}
              </Button>
            </Group>
            <ApiErrorAlert error={link.error} shownPaths={["flow_id"]} />
          </form>
        ) : null}
      </Stack>
    </Section>
  );
}
