import { Group, Text } from "@mantine/core";
import { useI18n } from "../i18n/i18n.tsx";
import { IllustrativeBadge } from "./Provenance.tsx";

/**
 * What a chart or map shows, under it: the unit, the year(s) or the moment the figures are
 * as of, and the source, from the data's own fields; made-up demo figures say so.
 */
export function FigureFacts({
  unit,
  when,
  source,
  illustrative,
  testId,
}: {
  unit: string;
  /** Already worded: a year, a range of years, or "as of …". */
  when: string;
  source: string | null | undefined;
  illustrative?: boolean | undefined;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" data-testid={testId ?? "figure-facts"}>
      {illustrative ? <IllustrativeBadge /> : null}
      <Text size="xs" c="dimmed">
        {t("figure.facts", {
          unit,
          when,
          source:
            source ?? t(illustrative ? "provenance.noSourceIllustrative" : "provenance.noSource"),
        })}
      </Text>
    </Group>
  );
}

/** The source of every funding figure: the one roll-up of the ledger ESCA Hub keeps. */
export function useFundingFacts(updatedAt: number) {
  const { t, fmt } = useI18n();
  return {
    unit: t("figure.unitUsd"),
    when: t("figure.asOf", { moment: fmt.dateTime(new Date(updatedAt).toISOString()) }),
    source: t("figure.fundingSource"),
  };
}
