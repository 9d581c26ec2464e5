import { Button, CloseButton, Group, Stack, Text, TextInput } from "@mantine/core";
import { ApiError } from "../../../api/client.ts";
import { detailMessage } from "../../../i18n/api-errors.ts";
import { useI18n } from "../../../i18n/i18n.tsx";
import { fieldError } from "../../../ui/ApiErrorAlert.tsx";

export interface SectorRow {
  code: string;
  percentage: string;
}

/** OECD-DAC purpose codes with their share of the budget; the API checks they add up to 100. */
export function SectorsEditor({
  sectors,
  onChange,
  error,
}: {
  sectors: SectorRow[];
  onChange: (next: SectorRow[]) => void;
  error: unknown;
}) {
  const { t, lang } = useI18n();
  const update = (index: number, patch: Partial<SectorRow>) =>
    onChange(sectors.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  // Errors about the list as a whole (shares not adding up to 100, a code listed twice).
  const whole =
    error instanceof ApiError
      ? error.details
          .filter((d) => d.path === "sectors")
          .map((d) => detailMessage(d, t, lang))
          .join("; ")
      : "";
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {t("initiative.sectors")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("form.sectorsHelp")}
      </Text>
      {sectors.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
        <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            label={t("form.sectorCode")}
            inputMode="numeric"
            maxLength={5}
            value={row.code}
            onChange={(e) => update(index, { code: e.currentTarget.value })}
            error={fieldError(error, `sectors.${index}.code`)}
          />
          <TextInput
            label={t("form.sectorShare")}
            inputMode="decimal"
            value={row.percentage}
            onChange={(e) => update(index, { percentage: e.currentTarget.value })}
            error={fieldError(error, `sectors.${index}.percentage`)}
          />
          <CloseButton
            mt={26}
            aria-label={t("form.removeSector", { code: row.code || String(index + 1) })}
            onClick={() => onChange(sectors.filter((_, i) => i !== index))}
          />
        </Group>
      ))}
      {whole ? (
        <Text size="sm" c="red.8" role="alert">
          {whole}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="default"
          size="compact-sm"
          onClick={() => onChange([...sectors, { code: "", percentage: "" }])}
        >
          {t("form.addSector")}
        </Button>
      </Group>
    </Stack>
  );
}
