import { Stack, Table, Text } from "@mantine/core";
import type { Initiative } from "../../../contracts/initiatives.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { SourceLine } from "../../ui/Provenance.tsx";
import { useObservations } from "../indicators/indicators-api.ts";
import { latestFromSource, mainSource } from "../indicators/series.ts";

/**
 * National indicators the initiative means to influence: baseline and target per indicator.
 * The lead country's latest national figure is shown as context, never as the initiative's
 * actual: its own actuals are in the results framework (ResultsFramework).
 */
export function IndicatorTargets({ initiative }: { initiative: Initiative }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  // Totals only: a disaggregated value (by sex) is never the national figure.
  const rates = useObservations("homicide_rate", initiative.lead_country);
  const observations = rates.data?.data ?? [];
  const latest = latestFromSource(observations, mainSource(observations)).get(
    initiative.lead_country,
  );
  return (
    <Stack gap="sm">
      {initiative.targets.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("indicators.noTargets")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("indicators.indicator")}</Table.Th>
                <Table.Th scope="col">{t("indicators.baseline")}</Table.Th>
                <Table.Th scope="col">{t("indicators.target")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {initiative.targets.map((target) => (
                <Table.Tr key={target.indicator.id}>
                  <Table.Td>{pick(target.indicator.name)}</Table.Td>
                  <Table.Td className="num">
                    {target.baseline
                      ? t("indicators.valueInYear", {
                          value: fmt.number(target.baseline.value),
                          year: target.baseline.year,
                        })
                      : "—"}
                  </Table.Td>
                  <Table.Td className="num">
                    {t("indicators.valueInYear", {
                      value: fmt.number(target.target.value),
                      year: target.target.year,
                    })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {latest ? (
        <Stack gap={2}>
          <Text size="sm">
            {t("indicators.nationalContext", {
              country: fmt.country(latest.country),
              value: fmt.number(latest.value),
              year: latest.year,
            })}
          </Text>
          <SourceLine source={latest.source} />
        </Stack>
      ) : null}
    </Stack>
  );
}
