import { Badge, Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import type { OverDisbursementRequest } from "../../../contracts/over-disbursements.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { isStaff, useSession } from "../accounts/session.ts";
import { useDecideOverride, useOverrideRequests } from "./override-requests-api.ts";

/**
 * Over-disbursement requests: the secretariat's queue (approve, or decline with a note) and a
 * partner's own requests with their decisions. The server decides who sees which.
 */
export function OverrideRequestsPage() {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const session = useSession();
  const deciding = session.data?.user ? isStaff(session.data.user) : false;
  const requests = useOverrideRequests();
  const columns: Column<OverDisbursementRequest>[] = [
    {
      key: "requested",
      header: t("override.requestedAt"),
      cell: (r) => fmt.date(r.requested_at),
      value: (r) => r.requested_at.slice(0, 10),
    },
    {
      key: "partner",
      header: t("flow.partner"),
      cell: (r) => pick(r.partner.name),
      value: (r) => r.partner.code,
    },
    {
      key: "initiative",
      header: t("flow.initiative"),
      cell: (r) => `${r.initiative.code} · ${pick(r.initiative.title) ?? ""}`,
      value: (r) => r.initiative.code,
    },
    {
      key: "amount",
      header: t("form.amount"),
      kind: "amount",
      cell: (r) => fmt.money(r.value.amount, r.value.currency),
      value: (r) => r.value.amount,
    },
    {
      key: "pair",
      header: t("override.pairNow"),
      cell: (r) =>
        t("override.pairFigures", {
          committed: fmt.money(r.committed_usd.amount, "USD"),
          disbursed: fmt.money(r.disbursed_usd.amount, "USD"),
        }),
      value: (r) => `${r.committed_usd.amount} / ${r.disbursed_usd.amount}`,
    },
    {
      key: "reason",
      header: t("override.reason"),
      cell: (r) => <Text size="sm">{r.reason}</Text>,
      value: (r) => r.reason,
    },
    {
      key: "status",
      header: t("override.status"),
      cell: (r) => <RequestStatus request={r} deciding={deciding} />,
      value: (r) => t(`override.status.${r.status}`),
    },
  ];
  return (
    <Stack>
      <PageHeader title={t("override.title")} description={t("override.description")} />
      <QueryState query={requests}>
        {(list) => (
          <DataTable
            caption={t("override.title")}
            fileName="over-disbursement-requests"
            rows={list.data}
            rowKey={(r) => r.id}
            columns={columns}
          />
        )}
      </QueryState>
    </Stack>
  );
}

/** A request's decision, or for the secretariat the buttons to make it (a note to decline). */
function RequestStatus({
  request,
  deciding,
}: {
  request: OverDisbursementRequest;
  deciding: boolean;
}) {
  const { t, fmt } = useI18n();
  const [note, setNote] = useState("");
  const decide = useDecideOverride();
  if (request.status !== "requested" || !deciding)
    return (
      <Stack gap={2} data-testid="override-status">
        <Badge
          size="sm"
          variant="light"
          color={
            request.status === "approved" ? "green" : request.status === "declined" ? "red" : "gray"
          }
        >
          {t(`override.status.${request.status}`)}
        </Badge>
        {request.decided_at ? (
          <Text size="xs" c="dimmed">
            {fmt.date(request.decided_at)}
            {request.decision_note ? ` — ${request.decision_note}` : ""}
          </Text>
        ) : null}
      </Stack>
    );
  return (
    <Stack gap={4} miw={220}>
      <Textarea
        size="xs"
        label={t("override.note")}
        autosize
        minRows={1}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <Group gap={4}>
        <Button
          size="xs"
          color="green"
          loading={decide.isPending}
          onClick={() => decide.mutate({ id: request.id, approve: true, note: note.trim() })}
        >
          {t("override.approve")}
        </Button>
        <Button
          size="xs"
          color="red"
          variant="light"
          loading={decide.isPending}
          onClick={() => decide.mutate({ id: request.id, approve: false, note: note.trim() })}
        >
          {t("override.decline")}
        </Button>
      </Group>
      <ApiErrorAlert error={decide.error} />
    </Stack>
  );
}
