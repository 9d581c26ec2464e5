import { Anchor, Group, Stack, Text } from "@mantine/core";
import { useMemo } from "react";
import { memberStates } from "../../../contracts/enum-values.ts";
import type { Indicator, Observation } from "../../../contracts/indicators.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { Chart } from "../../ui/Chart.tsx";
import { FigureFacts } from "../../ui/FigureFacts.tsx";
import { yearLines } from "./indicator-charts.ts";
import { mainSource, seriesByCountry } from "./series.ts";

/**
 * The eight member states on one chart, from one source only (the one with the most values);
 * the values of other sources are named, and drawn on each country's own page.
 */
export function CountriesCompared({
  indicator,
  observations,
}: {
  indicator: Indicator;
  observations: Observation[];
}) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const source = mainSource(observations);
  const { years, series } = useMemo(
    () => seriesByCountry(observations, source ?? "", memberStates),
    [observations, source],
  );
  const option = useMemo(
    () =>
      yearLines({
        years,
        unit: indicator.unit,
        fmt,
        lines: series.map((s) => ({ name: fmt.country(s.country), values: s.values })),
      }),
    [years, series, indicator.unit, fmt],
  );
  if (!source)
    return (
      <Text size="sm" c="dimmed">
        {t("indicators.noValues")}
      </Text>
    );
  const others = [...new Set(observations.map((o) => o.source))].filter((s) => s !== source);
  return (
    <Stack gap="xs" data-testid="countries-compared">
      <Chart
        option={option}
        height={340}
        label={t("indicators.comparedTitle", { indicator: pick(indicator.name) })}
      />
      <FigureFacts
        unit={indicator.unit}
        when={t("figure.years", {
          years: years.length > 1 ? `${years[0]}–${years.at(-1)}` : String(years[0] ?? "—"),
        })}
        source={source}
      />
      {others.length > 0 ? (
        <Text size="xs" c="dimmed">
          {t("indicators.otherSources", { sources: others.join("; ") })}
        </Text>
      ) : null}
      <Group gap="xs">
        {indicator.sdg_indicator ? (
          <Text size="xs" c="dimmed">
            {t("indicators.sdg", { code: indicator.sdg_indicator })}
          </Text>
        ) : null}
        <Anchor
          size="xs"
          href={`/api/indicators/${encodeURIComponent(indicator.code)}/observations.csv`}
          download
        >
          {t("indicators.downloadCsv")}
        </Anchor>
      </Group>
    </Stack>
  );
}
