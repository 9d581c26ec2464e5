import { Anchor, Badge, Group, Text } from "@mantine/core";
import { Link } from "react-router";
import type { Flow } from "../../../contracts/flows.ts";
import {
  type FlowQuery,
  useComponents,
  useFlows,
  useInitiatives,
  useOrganizations,
} from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { IllustrativeBadge } from "../../ui/Provenance.tsx";
import { QueryState } from "../../ui/QueryState.tsx";

/**
 * Ledger entries as recorded: original amount and currency, the USD value at the rate of
 * the value date, the source. A reversal is its own row, so a correction stays visible.
 */
export function FlowsTable({
  query,
  caption,
  fileName,
  hidePartner = false,
}: {
  query: FlowQuery;
  caption: string;
  fileName: string;
  hidePartner?: boolean;
}) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const flows = useFlows(query);
  const organizations = useOrganizations();
  const components = useComponents();
  const initiatives = useInitiatives({ limit: 500, sort: "code" });
  const initiativeCode = (id: string) =>
    initiatives.data?.data.find((i) => i.id === id)?.code ?? t("flow.toInitiative");
  const partnerName = (id: string) =>
    pick(organizations.data?.data.find((o) => o.id === id)?.name) || id;
  const componentCode = (id: string) => components.data?.data.find((c) => c.id === id)?.code ?? "";
  const typeLabel = (flow: Flow) =>
    `${t(`flowType.${flow.flow_type}`)}${flow.reverses_id ? ` · ${t("flow.reversal")}` : ""}`;
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
      cell: (f) => (
        <Group gap={4} wrap="nowrap">
          <Text size="sm">{t(`flowType.${f.flow_type}`)}</Text>
          {f.reverses_id ? (
            <Badge size="xs" variant="filled" bg="#fbe2e2" c="#8c1c1c">
              {t("flow.reversal")}
            </Badge>
          ) : null}
          {f.reversed_by ? (
            <Badge size="xs" color="gray.6" c="#3d4652" variant="outline">
              {t("flow.reversed")}
            </Badge>
          ) : null}
        </Group>
      ),
      value: typeLabel,
    },
    ...(hidePartner
      ? []
      : [
          {
            key: "partner",
            header: t("flow.partner"),
            cell: (f: Flow) => (
              <Anchor component={Link} to={`/partners/${f.partner_id}`} size="sm">
                {partnerName(f.partner_id)}
              </Anchor>
            ),
            value: (f: Flow) => partnerName(f.partner_id),
          },
        ]),
    {
      key: "support",
      header: t("flow.supportKind"),
      cell: (f) =>
        f.description
          ? `${t(`supportKind.${f.support_kind}`)}: ${f.description}`
          : t(`supportKind.${f.support_kind}`),
      value: (f) =>
        f.description
          ? `${t(`supportKind.${f.support_kind}`)}: ${f.description}`
          : t(`supportKind.${f.support_kind}`),
    },
    {
      key: "target",
      header: t("flow.allocation"),
      cell: (f) =>
        f.initiative_id ? (
          <Anchor component={Link} to={`/initiatives/${f.initiative_id}`} size="sm">
            {initiativeCode(f.initiative_id)}
          </Anchor>
        ) : (
          t("flow.toComponent", { code: componentCode(f.component_id) })
        ),
      value: (f) =>
        f.initiative_id
          ? initiativeCode(f.initiative_id)
          : t("flow.toComponent", { code: componentCode(f.component_id) }),
    },
    {
      key: "amount",
      header: t("flow.originalAmount"),
      kind: "amount",
      cell: (f) => (f.value ? fmt.money(f.value.amount, f.value.currency) : "—"),
      value: (f) => f.value?.amount ?? null,
    },
    {
      key: "currency",
      header: t("flow.currency"),
      cell: (f) => f.value?.currency ?? "—",
      value: (f) => f.value?.currency ?? null,
    },
    {
      key: "usd",
      header: t("table.inCurrency", { label: t("flow.value"), currency: "USD" }),
      kind: "amount",
      cell: (f) => (f.value_usd ? fmt.money(f.value_usd.amount, f.value_usd.currency) : "—"),
      value: (f) => f.value_usd?.amount ?? null,
    },
    {
      key: "source",
      header: t("flow.source"),
      cell: (f) => (
        <Group gap={4} wrap="nowrap" align="flex-start">
          {f.illustrative ? <IllustrativeBadge /> : null}
          <Text size="xs" c="dimmed" maw={280}>
            {f.source ?? t("provenance.noSource")}
          </Text>
        </Group>
      ),
      value: (f) => `${f.illustrative ? `${t("provenance.illustrative")}: ` : ""}${f.source ?? ""}`,
    },
  ];
  return (
    <QueryState query={flows}>
      {(list) => (
        <DataTable
          caption={caption}
          fileName={fileName}
          rows={list.data}
          rowKey={(f) => f.id}
          columns={columns}
        />
      )}
    </QueryState>
  );
}
