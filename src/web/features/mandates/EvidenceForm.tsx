import { Button, Group, Select, SimpleGrid, Stack, Textarea } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { evidenceKinds } from "../../../contracts/enum-values.ts";
import type { EvidenceKind, MandateDetail, TraceFlow } from "../../../contracts/mandates.ts";
import { useConferences, useInitiatives } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { usePractices } from "../practices/practices-api.ts";
import { useReports } from "../reports/reports-api.ts";
import { type NewEvidence, useEvidence, useMandateTrace } from "./mandates-api.ts";

const empty: NewEvidence = { kind: "initiative", target_id: "", period: null, note: null };

/**
 * The secretariat links a record to the mandate as evidence: an initiative, a ledger entry
 * of the initiatives that answer it, the conference, a support request under the paragraph,
 * an issued report or a practice of the library, each picked from a list; in one reporting
 * period or none.
 */
export function EvidenceForm({ mandate }: { mandate: MandateDetail }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const { add } = useEvidence(mandate.id);
  const [form, setForm] = useState<NewEvidence>(empty);
  const initiatives = useInitiatives({ limit: 500, sort: "code" });
  const conferences = useConferences();
  const trace = useMandateTrace(mandate.id);
  const practices = usePractices();
  const reports = useReports();
  const flowLabel = (code: string, kind: string, flow: TraceFlow) =>
    [
      code,
      t(`flowType.${kind as "pledge"}`),
      flow.partner.code,
      flow.amount ? fmt.money(flow.amount.amount, flow.amount.currency) : null,
      fmt.date(flow.value_date),
    ]
      .filter(Boolean)
      .join(" · ");
  const flowOptions = (trace.data?.initiatives ?? []).flatMap((initiative) => {
    const commitments = [
      ...initiative.pledges.flatMap((pledge) => pledge.commitments),
      ...initiative.unpledged_commitments,
    ];
    return [
      ...initiative.pledges.map((f) => ({ f, kind: "pledge" })),
      ...commitments.map((f) => ({ f, kind: "commitment" })),
      ...commitments.flatMap((c) => c.disbursements).map((f) => ({ f, kind: "disbursement" })),
    ].map(({ f, kind }) => ({ value: f.id, label: flowLabel(initiative.code, kind, f) }));
  });
  const options: Record<EvidenceKind, { value: string; label: string }[]> = {
    initiative: (initiatives.data?.data ?? []).map((i) => ({
      value: i.id,
      label: `${i.code} · ${pick(i.title)}`,
    })),
    flow: flowOptions,
    conference: (conferences.data?.data ?? []).map((c) => ({
      value: c.id,
      label: `${c.code} · ${pick(c.name)}`,
    })),
    support_request: mandate.requests.map((r) => ({
      value: r.id,
      label: `${r.body.code} → ${r.initiative.code}: ${r.what}`,
    })),
    report: (reports.data?.data ?? []).map((r) => ({
      value: r.id,
      label: [r.symbol, r.language, r.format, fmt.date(r.as_of)].join(" · "),
    })),
    practice: (practices.data?.data ?? []).map((p) => ({
      value: p.id,
      label: p.status === "draft" ? `${p.title} (${t("mandates.evidenceForm.draft")})` : p.title,
    })),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(form, { onSuccess: () => setForm(empty) });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="evidence-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("mandates.evidenceForm.kind")}
            required
            allowDeselect={false}
            value={form.kind}
            onChange={(v) =>
              setForm({ ...form, kind: (v ?? "initiative") as EvidenceKind, target_id: "" })
            }
            data={evidenceKinds.map((kind) => ({
              value: kind,
              label: t(`mandates.evidenceKind.${kind}`),
            }))}
            error={fieldError(add.error, "kind")}
          />
          <Select
            label={t("mandates.evidenceForm.target")}
            required
            searchable
            nothingFoundMessage={t("mandates.evidenceForm.nothing")}
            value={form.target_id || null}
            onChange={(v) => setForm({ ...form, target_id: v ?? "" })}
            data={options[form.kind]}
            error={fieldError(add.error, "target_id")}
          />
          <Select
            label={t("mandates.evidenceForm.period")}
            clearable
            value={form.period}
            onChange={(v) => setForm({ ...form, period: v })}
            data={mandate.periods.map((p) => ({
              value: p.code,
              label: `${p.code} · ${pick(p.label)}`,
            }))}
            error={fieldError(add.error, "period")}
          />
          <Textarea
            label={t("mandates.form.note")}
            autosize
            minRows={1}
            value={form.note ?? ""}
            onChange={(e) => setForm({ ...form, note: e.currentTarget.value || null })}
            error={fieldError(add.error, "note")}
          />
        </SimpleGrid>
        <ApiErrorAlert error={add.error} shownPaths={["kind", "target_id", "period", "note"]} />
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t("mandates.evidenceForm.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
