import { Button, CloseButton, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { indicatorListSchema } from "../../../../contracts/indicators.ts";
import { api } from "../../../api/client.ts";
import { useI18n } from "../../../i18n/i18n.tsx";
import { fieldError } from "../../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../../ui/Bilingual.tsx";

/** One row of the form: text as typed; the API checks the decimals and the years. */
export interface TargetRow {
  indicator: string;
  baselineValue: string;
  baselineYear: string;
  targetValue: string;
  targetYear: string;
}

export const emptyTarget = (): TargetRow => ({
  indicator: "",
  baselineValue: "",
  baselineYear: "",
  targetValue: "",
  targetYear: "",
});

const year = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : value.trim());

/** The rows as the API takes them (`targets`); a baseline only when both parts are given. */
export function targetsBody(rows: TargetRow[]) {
  return rows
    .filter((row) => row.indicator || row.targetValue || row.targetYear)
    .map((row) => ({
      indicator: row.indicator,
      baseline:
        row.baselineValue.trim() || row.baselineYear.trim()
          ? { value: row.baselineValue.trim(), year: year(row.baselineYear) }
          : null,
      target: { value: row.targetValue.trim(), year: year(row.targetYear) },
    }));
}

/** Paths of the target fields, so the form's summary alert does not repeat them. */
export const targetPaths = (rows: TargetRow[]) => [
  "targets",
  ...rows.flatMap((_, i) =>
    ["", ".indicator", ".baseline", ".baseline.value", ".baseline.year", ".target"]
      .concat([".target.value", ".target.year"])
      .map((suffix) => `targets.${i}${suffix}`),
  ),
];

/**
 * The results an initiative aims at (DESIGN "results"): per indicator an optional baseline
 * and a target, each a value in the indicator's unit and a year. Errors from the API appear
 * under the input they name (`targets.0.target.year`).
 */
export function TargetsEditor({
  targets,
  onChange,
  error,
}: {
  targets: TargetRow[];
  onChange: (next: TargetRow[]) => void;
  error: unknown;
}) {
  const { t } = useI18n();
  const pick = usePick();
  const indicators = useQuery({
    queryKey: ["indicators"],
    queryFn: () => api.get("/indicators", indicatorListSchema, { limit: 100 }),
    staleTime: 5 * 60_000,
  });
  const update = (index: number, patch: Partial<TargetRow>) =>
    onChange(targets.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const unitOf = (code: string) => indicators.data?.data.find((i) => i.code === code)?.unit;
  return (
    <Stack gap={6} data-testid="targets-editor">
      <Text size="sm" fw={600}>
        {t("form.targets")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("form.targetsHelp")}
      </Text>
      {targets.map((row, index) => {
        const at = (path: string) => fieldError(error, `targets.${index}.${path}`);
        const unit = unitOf(row.indicator);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
          <Stack key={index} gap={4} className="target-row">
            <Group align="flex-start" gap="xs" wrap="wrap">
              <Select
                label={t("form.targetIndicator")}
                required
                value={row.indicator || null}
                onChange={(v) => update(index, { indicator: v ?? "" })}
                data={(indicators.data?.data ?? []).map((i) => ({
                  value: i.code,
                  label: pick(i.name),
                }))}
                error={at("indicator")}
                w={240}
              />
              <TextInput
                label={t("form.baselineValue")}
                inputMode="decimal"
                value={row.baselineValue}
                onChange={(e) => update(index, { baselineValue: e.currentTarget.value })}
                error={at("baseline.value")}
                w={130}
              />
              <TextInput
                label={t("form.baselineYear")}
                inputMode="numeric"
                maxLength={4}
                value={row.baselineYear}
                onChange={(e) => update(index, { baselineYear: e.currentTarget.value })}
                error={at("baseline.year")}
                w={110}
              />
              <TextInput
                label={t("form.targetValue")}
                required
                inputMode="decimal"
                value={row.targetValue}
                onChange={(e) => update(index, { targetValue: e.currentTarget.value })}
                error={at("target.value")}
                w={130}
              />
              <TextInput
                label={t("form.targetYear")}
                required
                inputMode="numeric"
                maxLength={4}
                value={row.targetYear}
                onChange={(e) => update(index, { targetYear: e.currentTarget.value })}
                error={at("target.year")}
                w={110}
              />
              <CloseButton
                mt={26}
                aria-label={t("form.removeTarget", { number: index + 1 })}
                onClick={() => onChange(targets.filter((_, i) => i !== index))}
              />
            </Group>
            {unit ? (
              <Text size="xs" c="dimmed">
                {t("form.targetUnit", { unit })}
              </Text>
            ) : null}
          </Stack>
        );
      })}
      <Group>
        <Button variant="light" size="xs" onClick={() => onChange([...targets, emptyTarget()])}>
          {t("form.addTarget")}
        </Button>
      </Group>
    </Stack>
  );
}
