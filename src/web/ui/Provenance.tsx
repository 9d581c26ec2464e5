import { Badge, Group, Text } from "@mantine/core";
import { useI18n } from "../i18n/i18n.tsx";
import { LazyTooltip } from "./LazyTooltip.tsx";

export function IllustrativeBadge() {
  const { t } = useI18n();
  return (
    <LazyTooltip label={t("provenance.illustrativeHelp")} multiline w={260}>
      <Badge variant="outline" size="sm" tabIndex={0} className="illustrative-badge">
        {t("provenance.illustrative")}
      </Badge>
    </LazyTooltip>
  );
}

/** Where a figure comes from: its published source, and the badge when it is illustrative. */
export function SourceLine({
  source,
  illustrative,
}: {
  source: string | null | undefined;
  illustrative?: boolean | undefined;
}) {
  const { t } = useI18n();
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" className="source-line">
      {illustrative ? <IllustrativeBadge /> : null}
      <Text size="xs" c="dimmed">
        {source ? t("provenance.source", { source }) : t("provenance.noSource")}
      </Text>
    </Group>
  );
}
