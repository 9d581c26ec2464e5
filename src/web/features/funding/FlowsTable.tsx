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
import { IllustrativeBadge, MarkedValue, noSourceText } from "../../ui/Provenance.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { conversionNote, conversionNoteText } from "../exchange-rates/conversion-note.ts";
import { financeTypeLabel } from "./summary-rows.tsx";

/**
 * Ledger entries as recorded: the day each took effect (and was entered, when later),
 * original amount and currency, the USD value at the rate of the value date, the source,
 * and a mark on each value made up for the demo. A reversal is its own row, so a
 * correction stays visible.
 */
export function FlowsTable({
  query,
  caption,
  fileName,
  hidePartner = false,
  showLinks = false,
}: {
  query: FlowQuery;
  caption: string;
  fileName: string;
  hidePartner?: boolean;
  /** A column saying which pledge a commitment fulfils and which commitment a disbursement pays. */
  showLinks?: boolean;
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
  // Support to no initiative names its component, or none when announced to the whole region.
  const unallocatedText = (flow: Flow) =>
    flow.component_id
      ? t("flow.toComponent", { code: componentCode(flow.component_id) })
      : t("flow.notAllocated");
  const invented = (flow: Flow, field: Flow["illustrative_fields"][number]) =>
    flow.illustrative_fields.includes(field);
  // The day an entry took effect (its value date) and, when later, the day it was entered.
  const dateText = (flow: Flow) => {
    const entered = flow.recorded_at.slice(0, 10);
    return entered === flow.value_date
      ? fmt.date(flow.value_date)
      : t("provenance.effectiveEntered", {
          effective: fmt.date(flow.value_date),
          entered: fmt.date(entered),
        });
  };
  // The entry a commitment fulfils (its pledge) or a disbursement pays (its commitment),
  // found among the listed entries; one not listed (another page) is named by its type only.
  const listed = new Map((flows.data?.data ?? []).map((f) => [f.id, f]));
  const linkText = (f: Flow) => {
    const linkedId =
      f.flow_type === "commitment"
        ? f.pledge_id
        : f.flow_type === "disbursement"
          ? f.commitment_id
          : null;
    if (!linkedId || f.reverses_id) return null;
    const linked = listed.get(linkedId);
    const key = f.flow_type === "commitment" ? "flow.fulfilsPledge" : "flow.paysCommitment";
    if (!linked) return t(`${key}Unlisted`);
    return t(key, {
      date: fmt.date(linked.value_date),
      partner: partnerName(linked.partner_id),
      amount: linked.value ? fmt.money(linked.value.amount, linked.value.currency) : "—",
    });
  };
  const sourceCell = (flow: Flow) => flow.source ?? noSourceText(t, flow.illustrative);
  const typeLabel = (flow: Flow) =>
    `${t(`flowType.${flow.flow_type}`)}${flow.reverses_id ? ` · ${t("flow.reversal")}` : ""}`;
  // A disbursement above its commitment says so, with the approval and the reason.
  const overText = (f: Flow) =>
    f.flow_type !== "disbursement" || f.reverses_id || !f.over_commitment_reason
      ? null
      : f.over_commitment_approved_at
        ? t("flow.overApproved", {
            date: fmt.date(f.over_commitment_approved_at),
            reason: f.over_commitment_reason,
          })
        : t("flow.overRecorded", { reason: f.over_commitment_reason });
  const columns: Column<Flow>[] = [
    {
      key: "date",
      header: t("flow.valueDate"),
      cell: (f) => <MarkedValue marked={invented(f, "value_date")}>{dateText(f)}</MarkedValue>,
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
          {overText(f) ? (
            <Text size="xs" c="#8a4b00" maw={280} data-testid="over-commitment-flag">
              {overText(f)}
            </Text>
          ) : null}
        </Group>
      ),
      value: (f) => [typeLabel(f), overText(f)].filter(Boolean).join(" — "),
    },
    ...(hidePartner
      ? []
      : [
          {
            key: "partner",
            header: t("flow.partner"),
            cell: (f: Flow) => (
              <MarkedValue marked={invented(f, "partner")}>
                <Anchor component={Link} to={`/partners/${f.partner_id}`} size="sm">
                  {partnerName(f.partner_id)}
                </Anchor>
              </MarkedValue>
            ),
            value: (f: Flow) => partnerName(f.partner_id),
          },
        ]),
    {
      key: "support",
      header: t("flow.supportKind"),
      cell: (f) => (
        <MarkedValue marked={invented(f, "description")}>
          {f.description
            ? `${t(`supportKind.${f.support_kind}`)}: ${f.description}`
            : t(`supportKind.${f.support_kind}`)}
        </MarkedValue>
      ),
      value: (f) =>
        f.description
          ? `${t(`supportKind.${f.support_kind}`)}: ${f.description}`
          : t(`supportKind.${f.support_kind}`),
    },
    {
      key: "target",
      header: t("flow.allocation"),
      cell: (f) => (
        <MarkedValue marked={invented(f, "allocation")}>
          {f.initiative_id ? (
            <Anchor component={Link} to={`/initiatives/${f.initiative_id}`} size="sm">
              {initiativeCode(f.initiative_id)}
            </Anchor>
          ) : (
            unallocatedText(f)
          )}
        </MarkedValue>
      ),
      value: (f) => (f.initiative_id ? initiativeCode(f.initiative_id) : unallocatedText(f)),
    },
    ...(showLinks
      ? [
          {
            key: "links",
            header: t("flow.links"),
            cell: (f: Flow) => {
              const text = linkText(f);
              return text ? (
                <Text size="xs" maw={260} data-testid={`flow-link-${f.flow_type}`}>
                  {text}
                </Text>
              ) : (
                "—"
              );
            },
            value: (f: Flow) => linkText(f),
          },
        ]
      : []),
    {
      key: "finance-type",
      header: t("flow.financeType"),
      cell: (f) => (
        <MarkedValue marked={invented(f, "finance_type")}>
          {financeTypeLabel(f.finance_type, pick, t)}
        </MarkedValue>
      ),
      value: (f) => financeTypeLabel(f.finance_type, pick, t),
    },
    {
      key: "amount",
      header: t("flow.originalAmount"),
      kind: "amount",
      cell: (f) => (
        <MarkedValue marked={invented(f, "amount")}>
          {f.value ? fmt.money(f.value.amount, f.value.currency) : "—"}
        </MarkedValue>
      ),
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
      cell: (f) => {
        if (!f.value_usd) return "—";
        const note = f.value
          ? conversionNoteText(
              conversionNote({
                currency: f.value.currency,
                valueDate: f.value_date,
                rateDate: f.fx_date,
                basis: f.fx_basis,
              }),
              t,
              fmt.date,
            )
          : null;
        const usd = fmt.money(f.value_usd.amount, f.value_usd.currency);
        return note ? (
          <>
            {usd}
            <Text size="xs" c="dimmed" data-testid="conversion-note">
              {note}
            </Text>
          </>
        ) : (
          usd
        );
      },
      value: (f) => f.value_usd?.amount ?? null,
    },
    {
      key: "source",
      header: t("flow.source"),
      cell: (f) => (
        <Group gap={4} wrap="nowrap" align="flex-start">
          {f.illustrative ? <IllustrativeBadge /> : null}
          <Text size="xs" c="dimmed" maw={280}>
            {sourceCell(f)}
          </Text>
        </Group>
      ),
      value: (f) => `${f.illustrative ? `${t("provenance.illustrative")}: ` : ""}${sourceCell(f)}`,
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
