import {
  Alert,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { flowTypes, supportKinds } from "../../../contracts/enum-values.ts";
import { financeTypes } from "../../../contracts/finance-types.ts";
import { type Flow, flowSchema } from "../../../contracts/flows.ts";
import { ApiError, api } from "../../api/client.ts";
import { useComponents, useFlows, useInitiatives } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { isStaff, useSession } from "../accounts/session.ts";
import { ConferencePledgeFields } from "./ConferencePledgeFields.tsx";
import { OverrideRequestPanel } from "./OverrideRequestPanel.tsx";
import { financeTypeLabel } from "./summary-rows.tsx";

const today = () => new Date().toISOString().slice(0, 10);

interface FlowFormState {
  flowType: string;
  supportKind: string;
  initiative: string;
  component: string;
  amount: string;
  currency: string;
  financeType: string;
  description: string;
  valueDate: string;
  pledge: string;
  commitment: string;
  conference: string;
  session: string;
  source: string;
  note: string;
  overReason: string;
}

const initial = (): FlowFormState => ({
  flowType: "pledge",
  supportKind: "financial",
  initiative: "",
  component: "",
  amount: "",
  currency: "USD",
  financeType: "",
  description: "",
  valueDate: today(),
  pledge: "",
  commitment: "",
  conference: "",
  session: "",
  source: "",
  note: "",
  overReason: "",
});

/**
 * Records one ledger entry for one partner. Amounts are typed as decimal text and sent as
 * such; the server converts to USD at the rate of the value date and refuses what it must.
 */
export function FlowForm({
  partnerId,
  onRecorded,
}: {
  partnerId: string;
  onRecorded: (flow: Flow) => void;
}) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const client = useQueryClient();
  const [form, setForm] = useState<FlowFormState>(initial);
  const initiatives = useInitiatives({ limit: 200, sort: "code" });
  const components = useComponents();
  // What the entry may build on: a commitment fulfils a pledge, a disbursement pays a
  // commitment, of this partner and the chosen initiative (a pledge also of no initiative).
  const linkType =
    form.flowType === "commitment"
      ? "pledge"
      : form.flowType === "disbursement"
        ? "commitment"
        : null;
  const linkable = useFlows(
    {
      partner_id: partnerId,
      flow_type: linkType ?? undefined,
      linkable_to: form.initiative || "none",
    },
    linkType !== null,
  );
  // Only the secretariat gives an over-commitment reason itself; a partner asks it instead.
  const session = useSession();
  const overrides = session.data?.user ? isStaff(session.data.user) : false;
  const [askedFor, setAskedFor] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: () => {
      const financial = form.supportKind === "financial" || form.amount.trim() !== "";
      const body = {
        flow_type: form.flowType,
        support_kind: form.supportKind,
        partner_id: partnerId,
        initiative_id: form.initiative || undefined,
        component_id: form.initiative ? undefined : form.component || undefined,
        value: financial
          ? { amount: form.amount.trim(), currency: form.currency.trim().toUpperCase() }
          : undefined,
        finance_type: form.financeType || undefined,
        description: form.description.trim() || undefined,
        value_date: form.valueDate,
        pledge_id: form.flowType === "commitment" ? form.pledge || undefined : undefined,
        commitment_id: form.flowType === "disbursement" ? form.commitment || undefined : undefined,
        // Announced at a conference (and one of its sessions): pledges only.
        conference_id: form.flowType === "pledge" ? form.conference || undefined : undefined,
        conference_session_id:
          form.flowType === "pledge" && form.conference ? form.session || undefined : undefined,
        source: form.source.trim() || undefined,
        note: form.note.trim() || undefined,
        over_commitment_reason:
          overrides && form.flowType === "disbursement"
            ? form.overReason.trim() || undefined
            : undefined,
      };
      return api.post("/flows", flowSchema, JSON.parse(JSON.stringify(body)));
    },
    onSuccess: (flow) => {
      setForm(initial());
      void client.invalidateQueries({ queryKey: ["flows"] });
      void client.invalidateQueries({ queryKey: ["funding-summary"] });
      void client.invalidateQueries({ queryKey: ["initiatives"] });
      void client.invalidateQueries({ queryKey: ["conference"] });
      onRecorded(flow);
    },
  });
  const set = (key: keyof FlowFormState) => (value: string | null) =>
    setForm((f) => ({ ...f, [key]: value ?? "" }));
  const input = (key: keyof FlowFormState) => ({
    value: form[key],
    onChange: (e: { currentTarget: { value: string } }) => set(key)(e.currentTarget.value),
  });
  const err = (path: string) => fieldError(record.error, path);
  const initiativeCodes = new Map((initiatives.data?.data ?? []).map((i) => [i.id, i.code]));
  const linkOptions = (linkable.data?.data ?? []).map((f) => ({
    value: f.id,
    label: linkLabel({
      initiative: f.initiative_id
        ? (initiativeCodes.get(f.initiative_id) ?? "—")
        : t("flow.linkNoInitiative"),
      type: t(`flowType.${f.flow_type}`),
      date: fmt.date(f.value_date),
      amount: f.value ? fmt.money(f.value.amount, f.value.currency) : (f.description ?? ""),
      left: f.remaining
        ? fmt.money(f.remaining.amount, f.remaining.currency)
        : f.remaining_usd
          ? fmt.money(f.remaining_usd.amount, "USD")
          : null,
      t,
    }),
  }));
  const linkHelp = (type: "pledge" | "commitment") =>
    linkable.isSuccess && linkOptions.length === 0
      ? t(type === "pledge" ? "flow.noPledgeToLink" : "flow.noCommitmentToLink")
      : t(type === "pledge" ? "flow.pledgeLinkHelp" : "flow.commitmentLinkHelp");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate();
  };
  return (
    <form onSubmit={submit} noValidate data-testid="flow-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <Select
            label={t("flow.type")}
            required
            allowDeselect={false}
            value={form.flowType}
            onChange={set("flowType")}
            data={flowTypes.map((f) => ({ value: f, label: t(`flowType.${f}`) }))}
            error={err("flow_type")}
          />
          <Select
            label={t("flow.supportKind")}
            required
            allowDeselect={false}
            value={form.supportKind}
            onChange={set("supportKind")}
            data={supportKinds.map((k) => ({ value: k, label: t(`supportKind.${k}`) }))}
            error={err("support_kind")}
          />
          <TextInput
            type="date"
            label={t("flow.valueDate")}
            required
            {...input("valueDate")}
            error={err("value_date")}
          />
          <Select
            label={t("flow.initiative")}
            description={t("flow.initiativeHelp")}
            searchable
            clearable
            value={form.initiative || null}
            // A pledge or commitment chosen for another initiative no longer fits.
            onChange={(value) =>
              setForm((f) => ({ ...f, initiative: value ?? "", pledge: "", commitment: "" }))
            }
            data={(initiatives.data?.data ?? []).map((i) => ({
              value: i.id,
              label: `${i.code} · ${pick(i.title)}`,
            }))}
            error={err("initiative_id")}
          />
          <Select
            label={t("flow.component")}
            description={t("flow.componentHelp")}
            clearable
            disabled={form.initiative !== ""}
            value={form.component || null}
            onChange={set("component")}
            data={(components.data?.data ?? []).map((c) => ({
              value: c.id,
              label: `${c.code} · ${pick(c.name)}`,
            }))}
            error={err("component_id")}
          />
          <Group grow align="flex-start" gap="xs">
            <TextInput
              label={t("form.amount")}
              description={t("form.budgetAmountHelp")}
              inputMode="decimal"
              {...input("amount")}
              // The currency's own problems (a missing rate) stay under the currency.
              error={err("value.amount") ?? fieldError(record.error, "value", true)}
            />
            <TextInput
              label={t("form.currency")}
              maxLength={3}
              {...input("currency")}
              error={err("value.currency")}
            />
          </Group>
          <Select
            label={t("flow.financeType")}
            description={t("flow.financeTypeHelp")}
            clearable
            searchable
            value={form.financeType || null}
            onChange={set("financeType")}
            data={financeTypes.map((code) => ({
              value: code,
              label: financeTypeLabel(code, pick, t),
            }))}
            error={err("finance_type")}
          />
          {form.flowType === "commitment" ? (
            <Select
              label={t("flow.pledgeLink")}
              description={linkHelp("pledge")}
              clearable
              value={form.pledge || null}
              onChange={set("pledge")}
              data={linkOptions}
              error={err("pledge_id")}
            />
          ) : null}
          {form.flowType === "disbursement" ? (
            <Select
              label={t("flow.commitmentLink")}
              description={linkHelp("commitment")}
              clearable
              value={form.commitment || null}
              onChange={set("commitment")}
              data={linkOptions}
              error={err("commitment_id")}
            />
          ) : null}
          {form.flowType === "pledge" ? (
            <ConferencePledgeFields
              conference={form.conference}
              session={form.session}
              onConference={set("conference")}
              onSession={set("session")}
              error={err}
            />
          ) : null}
          <TextInput label={t("flow.source")} {...input("source")} error={err("source")} />
        </SimpleGrid>
        <Textarea
          label={t("flow.description")}
          description={t("flow.descriptionHelp")}
          autosize
          minRows={2}
          {...input("description")}
          error={err("description")}
        />
        <Textarea
          label={t("flow.note")}
          autosize
          minRows={1}
          {...input("note")}
          error={err("note")}
        />
        {overrides && form.flowType === "disbursement" ? (
          <Textarea
            label={t("flow.overReason")}
            description={t("flow.overReasonHelp")}
            autosize
            minRows={1}
            {...input("overReason")}
            error={err("over_commitment_reason")}
          />
        ) : null}
        <ApiErrorAlert
          error={record.error}
          shownPaths={[
            "flow_type",
            "support_kind",
            "value_date",
            "initiative_id",
            "component_id",
            "value",
            "value.amount",
            "value.currency",
            "finance_type",
            "pledge_id",
            "commitment_id",
            "conference_id",
            "conference_session_id",
            "source",
            "description",
            "note",
            "over_commitment_reason",
          ]}
        />
        {needsOverride(record.error) && form.initiative ? (
          <OverrideRequestPanel
            draft={{
              partner_id: partnerId,
              initiative_id: form.initiative,
              ...(form.commitment && { commitment_id: form.commitment }),
              value: { amount: form.amount.trim(), currency: form.currency.trim().toUpperCase() },
              value_date: form.valueDate,
            }}
            onSent={(amount) => {
              setAskedFor(amount);
              setForm(initial());
              record.reset();
            }}
          />
        ) : null}
        {askedFor ? (
          <Alert color="green" title={t("override.sent")} data-testid="override-sent">
            {t("override.sentBody", { amount: askedFor })}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={record.isPending}>
            {t("flow.record")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The refusal of a partner's disbursement beyond what is left on its commitment. */
const needsOverride = (error: unknown) =>
  error instanceof ApiError && error.extras.reason === "override_required";

/** "AC1 · Pledge 22 Jun 2011 · EUR 1,000,000.00 · EUR 600,000.00 left". */
function linkLabel(parts: {
  initiative: string;
  type: string;
  date: string;
  amount: string;
  left: string | null;
  t: ReturnType<typeof useI18n>["t"];
}) {
  const head = `${parts.initiative} · ${parts.type} ${parts.date} · ${parts.amount}`;
  return parts.left === null
    ? head
    : `${head} · ${parts.t("flow.linkLeft", { amount: parts.left })}`;
}
