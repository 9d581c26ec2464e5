import {
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { User } from "../../../../contracts/accounts.ts";
import { memberStates } from "../../../../contracts/enum-values.ts";
import { type Initiative, initiativeSchema } from "../../../../contracts/initiatives.ts";
import { api } from "../../../api/client.ts";
import { useComponents } from "../../../api/queries.ts";
import { useI18n } from "../../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../../ui/Bilingual.tsx";
import { isStaff } from "../../accounts/session.ts";
import {
  CountrySharesEditor,
  type ShareInputs,
  sharePaths,
  sharesBody,
} from "./CountrySharesEditor.tsx";
import { SectorsEditor } from "./SectorsEditor.tsx";
import { type TargetRow, TargetsEditor, targetPaths, targetsBody } from "./TargetsEditor.tsx";

interface FormState {
  code: string;
  titleEs: string;
  titleEn: string;
  summaryEs: string;
  summaryEn: string;
  component: string;
  lineOfAction: string;
  leadCountry: string;
  countries: string[];
  shares: ShareInputs;
  amount: string;
  currency: string;
  valueDate: string;
  startDate: string;
  endDate: string;
  source: string;
  sectors: { code: string; percentage: string }[];
  targets: TargetRow[];
}

const fromInitiative = (i: Initiative): FormState => ({
  code: i.code,
  titleEs: i.title.es ?? "",
  titleEn: i.title.en ?? "",
  summaryEs: i.summary.es ?? "",
  summaryEn: i.summary.en ?? "",
  component: i.component.code,
  lineOfAction: i.line_of_action?.code ?? "",
  leadCountry: i.lead_country,
  countries: i.countries,
  shares: Object.fromEntries(i.country_shares.map((share) => [share.country, share.percentage])),
  amount: i.budget.amount,
  currency: i.budget.currency,
  valueDate: i.budget_value_date,
  startDate: i.start_date ?? "",
  endDate: i.end_date ?? "",
  source: i.source ?? "",
  sectors: i.sectors.map((sector) => ({ ...sector })),
  targets: i.targets.map((target) => ({
    indicator: target.indicator.code,
    baselineValue: target.baseline?.value ?? "",
    baselineYear: target.baseline ? String(target.baseline.year) : "",
    targetValue: target.target.value,
    targetYear: String(target.target.year),
  })),
});

const blank = (user: User): FormState => ({
  code: "",
  titleEs: "",
  titleEn: "",
  summaryEs: "",
  summaryEn: "",
  component: "",
  lineOfAction: "",
  leadCountry: user.role === "focal_point" ? (user.organization.country ?? "") : "",
  countries: [],
  shares: {},
  amount: "",
  currency: "USD",
  valueDate: "",
  startDate: "",
  endDate: "",
  source: "",
  sectors: [],
  targets: [],
});

/** Empty inputs: left out when creating, cleared (null) when editing. */
const text = (value: string, editing: boolean) =>
  value.trim() ? value.trim() : editing ? null : undefined;

function toBody(form: FormState, editing: boolean, version?: number) {
  const body: Record<string, unknown> = {
    title: { es: text(form.titleEs, editing), en: text(form.titleEn, editing) },
    summary: { es: text(form.summaryEs, editing), en: text(form.summaryEn, editing) },
    component: form.component || undefined,
    line_of_action: text(form.lineOfAction, editing),
    lead_country: form.leadCountry || undefined,
    countries: form.countries,
    country_shares: sharesBody(form.leadCountry, form.countries, form.shares),
    budget: { amount: form.amount.trim(), currency: form.currency.trim().toUpperCase() },
    budget_value_date: form.valueDate || undefined,
    start_date: text(form.startDate, editing),
    end_date: text(form.endDate, editing),
    source: text(form.source, editing),
    sectors: form.sectors
      .map((sector) => ({ code: sector.code.trim(), percentage: sector.percentage.trim() }))
      .filter((sector) => sector.code || sector.percentage),
    targets: targetsBody(form.targets),
  };
  if (editing) body.version = version;
  else body.code = form.code.trim();
  return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
}

/**
 * Create or edit an initiative. The API validates; its messages appear under the fields
 * they name (`details[].path`), the rest above the buttons. Editing sends the version read,
 * so a change made meanwhile by someone else is refused (409) instead of overwritten.
 */
export function InitiativeForm({
  user,
  initiative,
  onSaved,
  onReload,
}: {
  user: User;
  initiative?: Initiative;
  onSaved: (saved: Initiative) => void;
  onReload?: () => void;
}) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const components = useComponents();
  const editing = initiative !== undefined;
  const [form, setForm] = useState<FormState>(() =>
    initiative ? fromInitiative(initiative) : blank(user),
  );
  const save = useMutation({
    mutationFn: () =>
      editing
        ? api.patch(
            `/initiatives/${initiative.id}`,
            initiativeSchema,
            toBody(form, true, initiative.version),
          )
        : api.post("/initiatives", initiativeSchema, toBody(form, false)),
    onSuccess: onSaved,
  });
  const set =
    <K extends keyof FormState>(key: K) =>
    (value: FormState[K]) =>
      setForm((current) => ({ ...current, [key]: value }));
  const input = (key: keyof FormState) => ({
    value: form[key] as string,
    onChange: (e: { currentTarget: { value: string } }) => set(key)(e.currentTarget.value as never),
  });
  const err = (path: string) => fieldError(save.error, path);
  const component = components.data?.data.find((c) => c.code === form.component);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const shown = [
    "sectors",
    ...form.sectors.flatMap((_, i) => [
      `sectors.${i}`,
      `sectors.${i}.code`,
      `sectors.${i}.percentage`,
    ]),
    "code",
    "title",
    "title.es",
    "title.en",
    "summary.es",
    "summary.en",
    "component",
    "line_of_action",
    "lead_country",
    "countries",
    ...sharePaths(form.leadCountry, form.countries, form.shares),
    "budget",
    "budget.amount",
    "budget.currency",
    "budget_value_date",
    "start_date",
    "end_date",
    "source",
    ...targetPaths(form.targets),
  ];
  return (
    <form onSubmit={submit} noValidate data-testid="initiative-form">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {!editing ? (
            <TextInput
              label={t("form.code")}
              description={t("form.codeHelp")}
              required
              {...input("code")}
              error={err("code")}
            />
          ) : null}
          <Select
            label={t("initiative.leadCountry")}
            required
            disabled={!isStaff(user)}
            value={form.leadCountry || null}
            onChange={(v) => set("leadCountry")(v ?? "")}
            data={memberStates.map((c) => ({ value: c, label: fmt.country(c) }))}
            error={err("lead_country")}
          />
          <TextInput
            label={t("form.titleEs")}
            lang="es"
            {...input("titleEs")}
            error={err("title.es") ?? err("title")}
          />
          <TextInput
            label={t("form.titleEn")}
            lang="en"
            {...input("titleEn")}
            error={err("title.en")}
          />
          <Textarea
            label={t("form.summaryEs")}
            lang="es"
            autosize
            minRows={2}
            {...input("summaryEs")}
            error={err("summary.es")}
          />
          <Textarea
            label={t("form.summaryEn")}
            lang="en"
            autosize
            minRows={2}
            {...input("summaryEn")}
            error={err("summary.en")}
          />
          <Select
            label={t("initiative.component")}
            required
            value={form.component || null}
            onChange={(v) => setForm((f) => ({ ...f, component: v ?? "", lineOfAction: "" }))}
            data={(components.data?.data ?? []).map((c) => ({
              value: c.code,
              label: `${c.code} · ${pick(c.name)}`,
            }))}
            error={err("component")}
          />
          <Select
            label={t("initiative.lineOfAction")}
            clearable
            value={form.lineOfAction || null}
            onChange={(v) => set("lineOfAction")(v ?? "")}
            data={(component?.lines_of_action ?? []).map((l) => ({
              value: l.code,
              label: `${l.code} · ${pick(l.name)}`,
            }))}
            error={err("line_of_action")}
          />
          <MultiSelect
            label={t("initiative.countries")}
            value={form.countries}
            onChange={set("countries")}
            data={memberStates.map((c) => ({ value: c, label: fmt.country(c) }))}
            error={err("countries")}
          />
          <Group grow align="flex-start" gap="xs">
            <TextInput
              label={t("form.budgetAmount")}
              description={t("form.budgetAmountHelp")}
              required
              inputMode="decimal"
              {...input("amount")}
              // The currency's own problems (a missing rate) stay under the currency.
              error={err("budget.amount") ?? fieldError(save.error, "budget", true)}
            />
            <TextInput
              label={t("form.currency")}
              description={t("form.currencyHelp")}
              required
              maxLength={3}
              {...input("currency")}
              error={err("budget.currency")}
            />
          </Group>
          <TextInput
            type="date"
            label={t("form.valueDate")}
            description={t("form.valueDateHelp")}
            {...input("valueDate")}
            error={err("budget_value_date")}
          />
          <Group grow align="flex-start" gap="xs">
            <TextInput
              type="date"
              label={t("form.startDate")}
              {...input("startDate")}
              error={err("start_date")}
            />
            <TextInput
              type="date"
              label={t("form.endDate")}
              {...input("endDate")}
              error={err("end_date")}
            />
          </Group>
          <TextInput label={t("flow.source")} {...input("source")} error={err("source")} />
        </SimpleGrid>
        <CountrySharesEditor
          lead={form.leadCountry}
          countries={form.countries}
          shares={form.shares}
          onChange={set("shares")}
          error={save.error}
        />
        <SectorsEditor
          sectors={form.sectors}
          onChange={(sectors) => setForm((current) => ({ ...current, sectors }))}
          error={save.error}
        />
        <TargetsEditor
          targets={form.targets}
          onChange={(targets) => setForm((current) => ({ ...current, targets }))}
          error={save.error}
        />
        <ApiErrorAlert
          error={save.error}
          shownPaths={shown}
          {...(onReload
            ? {
                onReload: () => {
                  save.reset();
                  onReload();
                },
              }
            : {})}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {editing ? t("form.save") : t("form.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
