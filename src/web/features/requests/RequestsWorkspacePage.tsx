import { Container, SegmentedControl, Stack } from "@mantine/core";
import { useState } from "react";
import { useOutletContext } from "react-router";
import { supportRequestStatuses } from "../../../contracts/enum-values.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import type { WorkspaceContext } from "../workspace/workspace-context.ts";
import { RequestForm } from "./RequestForm.tsx";
import { RequestList } from "./RequestList.tsx";

/**
 * A focal point's requests and the form to ask for support; a body officer's queue (the
 * requests addressed to their body); the secretariat's queue of every request.
 */
export function RequestsWorkspacePage() {
  const { t } = useI18n();
  const { user } = useOutletContext<WorkspaceContext>();
  const [status, setStatus] = useState<string>("all");
  const filter = status === "all" ? undefined : status;
  if (user.role === "focal_point") {
    const country = user.organization.country;
    return (
      <>
        <PageHeader title={t("requests.mine")} description={t("requests.lead")} />
        <Container size="xl">
          <Stack gap="lg">
            <Section title={t("requests.new")} id="request-new">
              <RequestForm country={country} />
            </Section>
            <Section title={t("requests.mine")} id="request-mine">
              <RequestList query={{ country: country ?? undefined }} />
            </Section>
          </Stack>
        </Container>
      </>
    );
  }
  const body = user.role === "body_officer" ? user.organization.code : undefined;
  return (
    <>
      <PageHeader title={t("requests.queue")} description={t("requests.queueLead")} />
      <Container size="xl">
        <Stack gap="md">
          <SegmentedControl
            value={status}
            onChange={setStatus}
            data={[
              { value: "all", label: t("requests.status.all") },
              ...supportRequestStatuses.map((s) => ({
                value: s,
                label: t(`requests.status.${s}`),
              })),
            ]}
          />
          <RequestList query={{ body, status: filter }} />
        </Stack>
      </Container>
    </>
  );
}
