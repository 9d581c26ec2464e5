import { Badge, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { type Translate, useI18n } from "../i18n/i18n.tsx";
import { LazyTooltip } from "./LazyTooltip.tsx";

/** A record made up as a whole for the demo. */
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

/** One value made up for the demo in a record that is otherwise published. */
export function IllustrativeMark() {
  const { t } = useI18n();
  return (
    <LazyTooltip label={t("provenance.illustrativeFieldHelp")} multiline w={260}>
      <Badge
        variant="dot"
        color="orange.8"
        size="xs"
        tabIndex={0}
        className="illustrative-mark"
        tt="none"
      >
        {t("provenance.illustrativeField")}
      </Badge>
    </LazyTooltip>
  );
}

/** A value, followed by the illustrative mark when `marked`. */
export function MarkedValue({ marked, children }: { marked: boolean; children: ReactNode }) {
  if (!marked) return children;
  return (
    <Group gap={6} wrap="wrap" component="span" display="inline-flex">
      {children}
      <IllustrativeMark />
    </Group>
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
        {source ? t("provenance.source", { source }) : noSourceText(t, illustrative)}
      </Text>
    </Group>
  );
}

/** What stands for a missing source: whether the record was made up for the demo. */
export function noSourceText(t: Translate, illustrative: boolean | undefined): string {
  return t(illustrative ? "provenance.noSourceIllustrative" : "provenance.noSource");
}
