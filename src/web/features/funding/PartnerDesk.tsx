import { Alert, Button, Container, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useOutletContext } from "react-router";
import type { User } from "../../../contracts/accounts.ts";
import { type Flow, flowSchema } from "../../../contracts/flows.ts";
import { api } from "../../api/client.ts";
import {
  useComponents,
  useFlows,
  useFundingSummary,
  useInitiatives,
  useOrganizations,
} from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { isStaff } from "../accounts/session.ts";
import type { WorkspaceContext } from "../workspace/workspace-context.ts";
import { FinanceSplit } from "./FinanceSplit.tsx";
import { FlowForm } from "./FlowForm.tsx";
import { FlowsNotForRole } from "./FlowsNotForRole.tsx";
import { FundingKpis } from "./FundingKpis.tsx";

function ReverseDialog({ flow, onClose }: { flow: Flow | null; onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [reason, setReason] = useState("");
  const reverse = useMutation({
    mutationFn: (target: Flow) =>
      api.post(`/flows/${target.id}/reversal`, flowSchema, { reason: reason.trim() }),
    onSuccess: () => {
      setReason("");
      void client.invalidateQueries({ queryKey: ["flows"] });
      void client.invalidateQueries({ queryKey: ["funding-summary"] });
      onClose();
    },
  });
  return (
    <Modal opened={flow !== null} onClose={onClose} title={t("flow.reverseTitle")} centered>
      {flow ? (
        <Stack>
          <Text size="sm">{t("flow.reverseHelp")}</Text>
          <Textarea
            label={t("transition.commentRequired")}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError(reverse.error, "reason")}
            data-autofocus
          />
          <ApiErrorAlert error={reverse.error} shownPaths={["reason"]} />
          <Button color="red" onClick={() => reverse.mutate(flow)} loading={reverse.isPending}>
            {t("flow.reverse")}
          </Button>
        </Stack>
      ) : null}
    </Modal>
  );
}

/** A partner's desk: its own announced vs delivered, the form, its entries with reversals. */
export function PartnerDesk({ user }: { user: User }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const staff = isStaff(user);
  const organizations = useOrganizations();
  const [chosen, setChosen] = useState<string | null>(staff ? null : user.organization.id);
  const partnerId = staff ? chosen : user.organization.id;
  const summary = useFundingSummary([], { partner: partnerId ?? undefined });
  const flows = useFlows({ partner_id: partnerId ?? undefined }, partnerId !== null);
  const [reversing, setReversing] = useState<Flow | null>(null);
  const [recorded, setRecorded] = useState<Flow | null>(null);
  const initiatives = useInitiatives({ limit: 200, sort: "code" });
  const components = useComponents();
  // The initiative an entry is for (code · title), else its component, else region-wide.
  const allocation = (f: Flow) => {
    const initiative = f.initiative_id
      ? initiatives.data?.data.find((i) => i.id === f.initiative_id)
      : undefined;
    if (initiative) return `${initiative.code} · ${pick(initiative.title)}`;
    if (f.initiative_id) return t("flow.toInitiative");
    const component = components.data?.data.find((c) => c.id === f.component_id);
    return component ? t("flow.toComponent", { code: component.code }) : t("flow.notAllocated");
  };
  // How the entry came in, then the published source it names, if any.
  const originText = (f: Flow) => {
    const origin =
      f.origin === "iati_import"
        ? t("flow.origin.iati_import", { publisher: f.iati_publisher ?? "" })
        : t(`flow.origin.${f.origin}`);
    return f.source ? t("flow.originWithSource", { origin, source: f.source }) : origin;
  };
  const columns: Column<Flow>[] = [
    {
      key: "date",
      header: t("flow.valueDate"),
      cell: (f) => fmt.date(f.value_date),
      value: (f) => f.value_date,
    },
    {
      key: "type",
      header: t("flow.type"),
      cell: (f) =>
        `${t(`flowType.${f.flow_type}`)}${f.reverses_id ? ` · ${t("flow.reversal")}` : ""}`,
      value: (f) => f.flow_type,
    },
    {
      key: "initiative",
      header: t("flow.allocation"),
      cell: (f) => allocation(f),
      value: (f) => allocation(f),
    },
    {
      key: "amount",
      header: t("flow.originalAmount"),
      kind: "amount",
      cell: (f) => (f.value ? fmt.money(f.value.amount, f.value.currency) : (f.description ?? "—")),
      value: (f) => f.value?.amount ?? null,
    },
    {
      key: "usd",
      header: t("table.inCurrency", { label: t("flow.value"), currency: "USD" }),
      kind: "amount",
      cell: (f) => (f.value_usd ? fmt.money(f.value_usd.amount, "USD") : "—"),
      value: (f) => f.value_usd?.amount ?? null,
    },
    {
      key: "origin",
      header: t("flow.source"),
      cell: (f) => originText(f),
      value: (f) => originText(f),
    },
    {
      key: "recorded",
      header: t("flow.recordedBy"),
      cell: (f) => `${f.recorded_by} · ${fmt.dateTime(f.recorded_at)}`,
      value: (f) => f.recorded_by,
    },
    {
      key: "action",
      header: t("flow.actions"),
      cell: (f) =>
        f.reverses_id || f.reversed_by ? (
          t(f.reversed_by ? "flow.reversed" : "flow.reversal")
        ) : (
          <Button size="compact-xs" variant="outline" color="red" onClick={() => setReversing(f)}>
            {t("flow.reverse")}
          </Button>
        ),
      value: () => null,
    },
  ];
  return (
    <>
      <PageHeader
        kicker={t("nav.workspace")}
        title={
          staff
            ? t("workspace.recordFlows")
            : t("workspace.partnerTitle", { partner: pick(user.organization.name) })
        }
        description={t("workspace.partnerLead")}
      />
      <Container size="xl">
        <Stack gap="lg">
          {staff ? (
            <Select
              label={t("flow.partner")}
              searchable
              maw={420}
              value={chosen}
              onChange={setChosen}
              data={(organizations.data?.data ?? [])
                .filter((o) => o.kind !== "member_state")
                .map((o) => ({ value: o.id, label: pick(o.name) }))}
            />
          ) : null}
          {partnerId ? (
            <>
              <QueryState query={summary}>
                {(s) => (
                  <Stack gap={6}>
                    <FundingKpis total={s.total} currency={s.currency} />
                    <FinanceSplit filters={{ partner: partnerId }} />
                  </Stack>
                )}
              </QueryState>
              <Section title={t("flow.recordTitle")} id="record-flow">
                {recorded ? (
                  <Alert
                    color="green"
                    title={t("flow.recorded")}
                    mb="sm"
                    aria-live="polite"
                    data-testid="flow-recorded"
                  >
                    {t("flow.recordedBody", {
                      type: t(`flowType.${recorded.flow_type}`),
                      amount: recorded.value_usd
                        ? fmt.money(recorded.value_usd.amount, "USD")
                        : (recorded.description ?? ""),
                    })}
                  </Alert>
                ) : null}
                <FlowForm partnerId={partnerId} onRecorded={setRecorded} />
              </Section>
              <Section
                title={t("partner.flows")}
                description={t("initiative.flowsHelp")}
                id="own-flows"
              >
                <QueryState query={flows}>
                  {(list) => (
                    <DataTable
                      caption={t("partner.flows")}
                      fileName="esca-own-flows"
                      rows={list.data}
                      rowKey={(f) => f.id}
                      columns={columns}
                    />
                  )}
                </QueryState>
              </Section>
            </>
          ) : null}
        </Stack>
      </Container>
      <ReverseDialog flow={reversing} onClose={() => setReversing(null)} />
    </>
  );
}

/**
 * /workspace/flows: a partner's desk, or the secretariat's for any partner. Anyone else (a
 * focal point, an OAS body's officer) records no support and is told where to go instead.
 */
export function FlowsWorkspacePage() {
  const { user } = useOutletContext<WorkspaceContext>();
  if (user.role === "partner" || isStaff(user)) return <PartnerDesk user={user} />;
  return <FlowsNotForRole user={user} />;
}
