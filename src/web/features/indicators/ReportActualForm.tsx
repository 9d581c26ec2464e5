import { Alert, Button, Group, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import type { ResultsIndicator } from "../../../contracts/results.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { type ActualInput, useReportActual } from "./indicators-api.ts";

const fields = ["year", "value", "evidence", "evidence_url", "notes"];
const empty = { year: "", value: "", evidence: "", evidence_url: "", notes: "" };
const asYear = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim());

/**
 * The focal point reports the actual of a year with what shows it. The API checks every field
 * and its refusals appear under the field they name; a year reported again is a correction.
 */
export function ReportActualForm({ indicator }: { indicator: ResultsIndicator }) {
  const { t } = useI18n();
  const report = useReportActual(indicator.initiative.id, indicator.id);
  const [form, setForm] = useState(empty);
  const set = (patch: Partial<typeof empty>) => setForm({ ...form, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ActualInput = {
      year: asYear(form.year),
      value: form.value.trim(),
      evidence: form.evidence,
      evidence_url: form.evidence_url.trim() || null,
      notes: form.notes.trim() || null,
    };
    report.mutate(input, { onSuccess: () => setForm(empty) });
  };
  const error = (path: string) => fieldError(report.error, path);
  return (
    <form onSubmit={submit} noValidate data-testid={`report-${indicator.code}`}>
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t("results.year")}
            required
            inputMode="numeric"
            maxLength={4}
            value={form.year}
            onChange={(e) => set({ year: e.currentTarget.value })}
            error={error("year")}
          />
          <TextInput
            label={t("results.valueIn", { unit: indicator.unit })}
            required
            inputMode="decimal"
            value={form.value}
            onChange={(e) => set({ value: e.currentTarget.value })}
            error={error("value")}
          />
          <TextInput
            label={t("results.evidenceUrl")}
            type="url"
            value={form.evidence_url}
            onChange={(e) => set({ evidence_url: e.currentTarget.value })}
            error={error("evidence_url")}
          />
        </SimpleGrid>
        <Textarea
          label={t("results.evidence")}
          description={t("results.evidenceHelp")}
          required
          autosize
          minRows={2}
          value={form.evidence}
          onChange={(e) => set({ evidence: e.currentTarget.value })}
          error={error("evidence")}
        />
        <Textarea
          label={t("results.notes")}
          autosize
          minRows={1}
          value={form.notes}
          onChange={(e) => set({ notes: e.currentTarget.value })}
          error={error("notes")}
        />
        <ApiErrorAlert error={report.error} shownPaths={fields} />
        {report.isSuccess ? (
          <Alert color="green" title={t("results.reported")} data-testid="actual-reported" />
        ) : null}
        <Group>
          <Button type="submit" loading={report.isPending}>
            {t("results.report")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
