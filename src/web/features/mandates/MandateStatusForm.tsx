import { Button, Group, Select, Stack, Textarea } from "@mantine/core";
import { useState } from "react";
import { mandateStatuses } from "../../../contracts/enum-values.ts";
import type { MandateDetail } from "../../../contracts/mandates.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { useSetMandateStatus } from "./mandates-api.ts";

/** The secretariat's form: a period's status and note; the API's refusals under each field. */
export function MandateStatusForm({ mandate }: { mandate: MandateDetail }) {
  const { t } = useI18n();
  const setStatus = useSetMandateStatus(mandate.id);
  const [period, setPeriod] = useState<string | null>(mandate.periods[0]?.code ?? null);
  const current = mandate.statuses.find((s) => s.period === period);
  const [status, setStatusValue] = useState<string | null>(current?.status ?? "not_started");
  const [note, setNote] = useState(current?.note ?? "");
  const err = (path: string) => fieldError(setStatus.error, path);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setStatus.mutate({
          period: period ?? "",
          status: status ?? "",
          note: note.trim() || null,
          ...(current?.version ? { version: current.version } : {}),
        });
      }}
    >
      <Stack gap="sm">
        <Group grow align="flex-start">
          <Select
            label={t("mandates.form.period")}
            data={mandate.periods.map((p) => ({ value: p.code, label: p.code }))}
            value={period}
            onChange={(value) => {
              setPeriod(value);
              const next = mandate.statuses.find((s) => s.period === value);
              setStatusValue(next?.status ?? "not_started");
              setNote(next?.note ?? "");
            }}
            error={err("period")}
            allowDeselect={false}
          />
          <Select
            label={t("mandates.form.status")}
            data={mandateStatuses.map((s) => ({ value: s, label: t(`mandates.status.${s}`) }))}
            value={status}
            onChange={setStatusValue}
            error={err("status")}
            allowDeselect={false}
          />
        </Group>
        <Textarea
          label={t("mandates.form.note")}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={err("note")}
          autosize
          minRows={2}
        />
        <ApiErrorAlert error={setStatus.error} shownPaths={["period", "status", "note"]} />
        <Group>
          <Button type="submit" loading={setStatus.isPending}>
            {t("mandates.form.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
