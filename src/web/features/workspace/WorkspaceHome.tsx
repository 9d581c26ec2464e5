import { Anchor, Button, Container, Group, Stack, Text } from "@mantine/core";
import { Link, useOutletContext } from "react-router";
import type { Initiative } from "../../../contracts/initiatives.ts";
import { useInitiatives } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText, usePick } from "../../ui/Bilingual.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { StatusBadge } from "../../ui/StatusBadge.tsx";
import { PartnerDesk } from "../funding/PartnerDesk.tsx";
import { RequestsWorkspacePage } from "../requests/RequestsWorkspacePage.tsx";
import type { WorkspaceContext } from "./workspace-context.ts";

function useWorkColumns(): Column<Initiative>[] {
  const { t, fmt } = useI18n();
  const pick = usePick();
  return [
    {
      key: "code",
      header: t("initiative.code"),
      cell: (i) => (
        <Anchor component={Link} to={`/workspace/initiatives/${i.id}`} fw={600} size="sm">
          {i.code}
        </Anchor>
      ),
      value: (i) => i.code,
    },
    {
      key: "title",
      header: t("initiative.title"),
      cell: (i) => <BilingualText value={i.title} />,
      value: (i) => pick(i.title),
    },
    {
      key: "lead",
      header: t("initiative.leadCountry"),
      cell: (i) => fmt.country(i.lead_country),
      value: (i) => fmt.country(i.lead_country),
    },
    {
      key: "status",
      header: t("initiative.status"),
      cell: (i) => <StatusBadge status={i.status} />,
      value: (i) => t(`status.${i.status}`),
    },
    {
      key: "budget",
      header: t("table.inCurrency", { label: t("measure.budget"), currency: "USD" }),
      kind: "amount",
      cell: (i) => fmt.money(i.budget_usd.amount, "USD"),
      value: (i) => i.budget_usd.amount,
    },
    {
      key: "updated",
      header: t("initiative.updated"),
      cell: (i) => fmt.dateTime(i.updated_at),
      value: (i) => i.updated_at,
    },
  ];
}

function InitiativeTable({
  status,
  country,
  title,
  fileName,
  empty,
}: {
  status?: string;
  country?: string;
  title: string;
  fileName: string;
  empty?: string;
}) {
  const columns = useWorkColumns();
  const list = useInitiatives({ status, country, sort: "-updated_at", limit: 200 });
  return (
    <Section title={title} id={fileName}>
      <QueryState query={list}>
        {(data) => {
          const rows = country ? data.data.filter((i) => i.lead_country === country) : data.data;
          return rows.length === 0 && empty ? (
            <Text size="sm" c="dimmed">
              {empty}
            </Text>
          ) : (
            <DataTable
              caption={title}
              fileName={fileName}
              rows={rows}
              rowKey={(i) => i.id}
              columns={columns}
            />
          );
        }}
      </QueryState>
    </Section>
  );
}

export function WorkspaceHome() {
  const { t, fmt } = useI18n();
  const { user, staff } = useOutletContext<WorkspaceContext>();
  if (user.role === "partner") return <PartnerDesk user={user} />;
  // A body's officer has no country: their home is the queue of requests to their body.
  if (user.role === "body_officer") return <RequestsWorkspacePage />;
  const country = user.organization.country ?? "";
  return (
    <>
      <PageHeader
        kicker={t("nav.workspace")}
        title={
          staff
            ? t("workspace.secretariatTitle")
            : t("workspace.focalTitle", { country: fmt.country(country) })
        }
        description={staff ? t("workspace.secretariatLead") : t("workspace.focalLead")}
        aside={
          <Button component={Link} to="/workspace/initiatives/new">
            {t("workspace.newInitiative")}
          </Button>
        }
      />
      <Container size="xl">
        <Stack gap="lg">
          {staff ? (
            <>
              <InitiativeTable
                status="submitted"
                title={t("workspace.queue")}
                fileName="esca-queue"
                empty={t("workspace.queueEmpty")}
              />
              <InitiativeTable
                status="endorsed,seeking_funding,in_execution"
                title={t("workspace.pipeline")}
                fileName="esca-pipeline"
              />
              <InitiativeTable
                status="draft"
                title={t("workspace.drafts")}
                fileName="esca-drafts"
                empty={t("workspace.draftsEmpty")}
              />
            </>
          ) : (
            <InitiativeTable
              country={country}
              title={t("workspace.ownInitiatives")}
              fileName={`esca-${country}-workspace`}
            />
          )}
          <Group>
            <Text size="sm" c="dimmed">
              {t("workspace.apiNote")}
            </Text>
          </Group>
        </Stack>
      </Container>
    </>
  );
}
