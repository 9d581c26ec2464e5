import { Button, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { useDefineResultsIndicator } from "./indicators-api.ts";

const empty = {
  code: "",
  level: "output",
  name_es: "",
  name_en: "",
  unit: "",
  direction: "higher_is_better",
  baseline_value: "",
  baseline_year: "",
  target_value: "",
  target_year: "",
};
const asYear = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim());
const shown = ["code", "level", "name", "unit", "direction", "baseline", "targets"];

/** Adds an output or outcome indicator with its baseline and a first target. */
export function DefineIndicatorForm({ initiative }: { initiative: string }) {
  const { t } = useI18n();
  const define = useDefineResultsIndicator(initiative);
  const [form, setForm] = useState(empty);
  const set = (patch: Partial<typeof empty>) => setForm({ ...form, ...patch });
  const error = (path: string) => fieldError(define.error, path);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const baseline =
      form.baseline_value.trim() || form.baseline_year.trim()
        ? { value: form.baseline_value.trim(), year: asYear(form.baseline_year) }
        : null;
    define.mutate(
      {
        code: form.code,
        level: form.level,
        name: { es: form.name_es, en: form.name_en },
        unit: form.unit,
        direction: form.direction,
        baseline,
        targets: [{ value: form.target_value.trim(), year: asYear(form.target_year) }],
      },
      { onSuccess: () => setForm(empty) },
    );
  };
  return (
    <form onSubmit={submit} noValidate data-testid="define-indicator">
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t("results.code")}
            required
            value={form.code}
            onChange={(e) => set({ code: e.currentTarget.value })}
            error={error("code")}
          />
          <Select
            label={t("results.levelLabel")}
            required
            value={form.level}
            onChange={(v) => set({ level: v ?? "output" })}
            data={[
              { value: "output", label: t("results.level.output") },
              { value: "outcome", label: t("results.level.outcome") },
            ]}
            error={error("level")}
          />
          <Select
            label={t("indicators.directionLabel")}
            required
            value={form.direction}
            onChange={(v) => set({ direction: v ?? "higher_is_better" })}
            data={[
              { value: "higher_is_better", label: t("indicators.direction.higher_is_better") },
              { value: "lower_is_better", label: t("indicators.direction.lower_is_better") },
            ]}
            error={error("direction")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t("results.nameEs")}
            required
            value={form.name_es}
            onChange={(e) => set({ name_es: e.currentTarget.value })}
            error={error("name.es")}
          />
          <TextInput
            label={t("results.nameEn")}
            required
            value={form.name_en}
            onChange={(e) => set({ name_en: e.currentTarget.value })}
            error={error("name.en")}
          />
          <TextInput
            label={t("results.unit")}
            required
            value={form.unit}
            onChange={(e) => set({ unit: e.currentTarget.value })}
            error={error("unit")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <TextInput
            label={t("form.baselineValue")}
            inputMode="decimal"
            value={form.baseline_value}
            onChange={(e) => set({ baseline_value: e.currentTarget.value })}
            error={error("baseline.value") ?? fieldError(define.error, "baseline", true)}
          />
          <TextInput
            label={t("form.baselineYear")}
            inputMode="numeric"
            maxLength={4}
            value={form.baseline_year}
            onChange={(e) => set({ baseline_year: e.currentTarget.value })}
            error={error("baseline.year")}
          />
          <TextInput
            label={t("form.targetValue")}
            required
            inputMode="decimal"
            value={form.target_value}
            onChange={(e) => set({ target_value: e.currentTarget.value })}
            error={error("targets.0.value")}
          />
          <TextInput
            label={t("form.targetYear")}
            required
            inputMode="numeric"
            maxLength={4}
            value={form.target_year}
            onChange={(e) => set({ target_year: e.currentTarget.value })}
            error={error("targets.0.year")}
          />
        </SimpleGrid>
        <ApiErrorAlert error={define.error} shownPaths={shown} />
        <Group>
          <Button type="submit" variant="light" loading={define.isPending}>
            {t("results.define")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
