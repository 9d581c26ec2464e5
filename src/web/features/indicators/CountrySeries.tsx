import { Stack, Text } from "@mantine/core";
import { useMemo } from "react";
import type { Indicator, Observation } from "../../../contracts/indicators.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { Chart } from "../../ui/Chart.tsx";
import { FigureFacts } from "../../ui/FigureFacts.tsx";
import { yearLines } from "./indicator-charts.ts";
import { seriesBySource } from "./series.ts";

/**
 * A country's series of one indicator: one line per source, so two releases are never drawn
 * as one line; a year with no published value is a break in its line.
 */
export function CountrySeries({
  indicator,
  observations,
  country,
}: {
  indicator: Indicator;
  observations: Observation[];
  country: string;
}) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const { years, series } = useMemo(() => seriesBySource(observations), [observations]);
  const option = useMemo(
    () =>
      yearLines({
        years,
        unit: indicator.unit,
        fmt,
        lines: series.map((s) => ({ name: s.source, values: s.values })),
      }),
    [years, series, indicator.unit, fmt],
  );
  if (observations.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("indicators.noValues")}
      </Text>
    );
  const notes = [...new Set(observations.map((o) => o.notes).filter((n) => n !== null))];
  return (
    <Stack gap="xs" data-testid="country-series">
      <Chart
        option={option}
        height={280}
        label={t("indicators.seriesLabel", {
          indicator: pick(indicator.name),
          country: fmt.country(country),
        })}
      />
      {series.length > 1 ? (
        <Text size="xs" c="dimmed" data-testid="series-break-note">
          {t("indicators.sourcesApart", { count: series.length })}
        </Text>
      ) : null}
      {series.map((s) => (
        <FigureFacts
          key={s.source}
          unit={indicator.unit}
          when={t("figure.years", {
            years: years.length > 1 ? `${years[0]}–${years.at(-1)}` : String(years[0] ?? "—"),
          })}
          source={s.source}
        />
      ))}
      {notes.map((note) => (
        <Text key={note} size="xs" c="dimmed">
          {note}
        </Text>
      ))}
    </Stack>
  );
}
