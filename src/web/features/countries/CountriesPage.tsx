import {
  Anchor,
  Container,
  Grid,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
} from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import { memberStates } from "../../../contracts/enum-values.ts";
import type { Observation } from "../../../contracts/indicators.ts";
import { useFundingSummary } from "../../api/queries.ts";
import type { FundingRow } from "../../api/schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { FigureFacts, useFundingFacts } from "../../ui/FigureFacts.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { SourceLine } from "../../ui/Provenance.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { measureHelp } from "../funding/summary-rows.tsx";
import { CountriesCompared } from "../indicators/CountriesCompared.tsx";
import { useIndicators, useObservations } from "../indicators/indicators-api.ts";
import { latestFromSource, mainSource } from "../indicators/series.ts";
import { CentralAmericaMap, type MapValue, type Ramp } from "./CentralAmericaMap.tsx";

const measures = ["committed", "gap", "indicator"] as const;
type MapMeasure = (typeof measures)[number];
const isMapMeasure = (value: string | null): value is MapMeasure =>
  measures.includes(value as MapMeasure);

interface CountryRow {
  code: string;
  funding: FundingRow | undefined;
  rate: Observation | undefined;
}

export function CountriesPage() {
  const { t, fmt } = useI18n();
  const [params, setParams] = useSearchParams();
  const requested = params.get("measure");
  const measure: MapMeasure = isMapMeasure(requested) ? requested : "committed";
  const summary = useFundingSummary(["country"]);
  const pick = usePick();
  const indicators = useIndicators();
  const indicatorCode = params.get("indicator") ?? "homicide_rate";
  const indicator = indicators.data?.data.find((i) => i.code === indicatorCode);
  const rates = useObservations(indicatorCode);
  const observations = rates.data?.data ?? [];
  // One source on the map and in the table: the one with the most values, named below.
  const shownSource = mainSource(observations);
  const latest = latestFromSource(observations, shownSource);
  const years = [...new Set([...latest.values()].map((o) => o.year))].sort();
  const fundingOf = (code: string) => summary.data?.rows.find((r) => r.key.country === code);

  const mapValueOf = (code: string): MapValue | undefined => {
    if (measure === "indicator") {
      const rate = latest.get(code);
      return rate
        ? {
            magnitude: Number(rate.value),
            label: t("map.indicatorValue", {
              value: fmt.number(rate.value),
              unit: indicator?.unit ?? "",
              year: rate.year,
            }),
          }
        : undefined;
    }
    // The roll-up has no row for a country leading no initiative: nothing recorded is zero.
    const amount = summary.data ? (fundingOf(code)?.[measure] ?? "0") : undefined;
    return amount !== undefined
      ? { magnitude: Number(amount), label: fmt.money(amount, "USD") }
      : undefined;
  };
  const values = Object.fromEntries(memberStates.map((code) => [code, mapValueOf(code)]));
  const ramp: Ramp = measure === "committed" ? "blue" : measure === "gap" ? "orange" : "red";
  const measureLabel =
    measure === "indicator" && indicator ? pick(indicator.name) : t(`map.measure.${measure}`);
  const setParam = (key: string, value: string) => {
    const updated = new URLSearchParams(params);
    updated.set(key, value);
    setParams(updated, { replace: true, preventScrollReset: true });
  };
  const rows: CountryRow[] = memberStates.map((code) => ({
    code,
    funding: fundingOf(code),
    rate: latest.get(code),
  }));
  const money = (value: string | null | undefined) => (value ? fmt.money(value, "USD") : "—");
  const columns: Column<CountryRow>[] = [
    {
      key: "country",
      header: t("dimension.country"),
      cell: (r) => (
        <Anchor component={Link} to={`/countries/${r.code}`} size="sm">
          {fmt.country(r.code)}
        </Anchor>
      ),
      value: (r) => fmt.country(r.code),
    },
    ...(["budget", "committed", "disbursed", "gap"] as const).map(
      (m): Column<CountryRow> => ({
        key: m,
        header: t("table.inCurrency", { label: t(`measure.${m}`), currency: "USD" }),
        help: measureHelp(m, t),
        kind: "amount",
        cell: (r) => money(r.funding?.[m]),
        value: (r) => r.funding?.[m] ?? null,
      }),
    ),
    {
      key: "coverage",
      header: t("measure.coveragePct"),
      help: measureHelp("coverage_pct", t),
      kind: "amount",
      cell: (r) => (r.funding?.coverage_pct ? fmt.percent(r.funding.coverage_pct) : "—"),
      value: (r) => r.funding?.coverage_pct ?? null,
    },
    {
      key: "rate",
      header: indicator ? `${pick(indicator.name)} (${indicator.unit})` : t("map.rateColumn"),
      kind: "number",
      cell: (r) => (r.rate ? fmt.number(r.rate.value) : "—"),
      value: (r) => r.rate?.value ?? null,
    },
    {
      key: "year",
      header: t("map.rateYear"),
      kind: "number",
      cell: (r) => r.rate?.year ?? "—",
      value: (r) => r.rate?.year ?? null,
    },
  ];
  const rateSources = shownSource ? [shownSource] : [];
  const yearsText = years.length > 1 ? `${years[0]}–${years.at(-1)}` : String(years[0] ?? "—");
  const fundingFacts = useFundingFacts(summary.dataUpdatedAt);
  const mapFacts =
    measure === "indicator"
      ? {
          unit: indicator?.unit ?? "",
          when: t("figure.years", { years: yearsText }),
          source: shownSource,
        }
      : fundingFacts;
  const formatBound = (value: number) =>
    measure === "indicator"
      ? t("map.indicatorBound", { value: fmt.number(value), unit: indicator?.unit ?? "" })
      : fmt.moneyCompact(String(Math.round(value)), "USD");
  return (
    <>
      <PageHeader
        kicker={t("nav.countries")}
        title={t("countries.title")}
        description={t("countries.lead")}
      />
      <Container size="xl">
        <Stack gap="lg">
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Section
                title={t("countries.mapTitle", { measure: measureLabel })}
                id="map"
                actions={
                  <Group gap="xs">
                    <SegmentedControl
                      size="xs"
                      value={measure}
                      aria-label={t("map.measureLabel")}
                      onChange={(next) => setParam("measure", next)}
                      data={measures.map((m) => ({ value: m, label: t(`map.measure.${m}`) }))}
                    />
                    {measure === "indicator" ? (
                      <Select
                        size="xs"
                        aria-label={t("map.indicatorLabel")}
                        value={indicatorCode}
                        onChange={(next) => next && setParam("indicator", next)}
                        data={(indicators.data?.data ?? []).map((i) => ({
                          value: i.code,
                          label: pick(i.name),
                        }))}
                        allowDeselect={false}
                        w={260}
                      />
                    ) : null}
                  </Group>
                }
              >
                <QueryState query={summary}>
                  {() => (
                    <CentralAmericaMap
                      values={values}
                      ramp={ramp}
                      title={t("countries.mapTitle", { measure: measureLabel })}
                      unit={mapFacts.unit}
                      formatBound={formatBound}
                    />
                  )}
                </QueryState>
                <Stack gap={2} mt="xs">
                  <FigureFacts {...mapFacts} testId="map-facts" />
                  <Text size="xs" c="dimmed">
                    {t("map.help")}
                  </Text>
                </Stack>
                {measure === "indicator" ? (
                  <Stack gap={2} data-testid="map-indicator-note">
                    <Text size="xs">{t("map.indicatorShown", { years: yearsText })}</Text>
                    {rateSources.map((source) => (
                      <SourceLine key={source} source={source} />
                    ))}
                  </Stack>
                ) : null}
              </Section>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Section title={t("countries.about")} id="about-map">
                <Stack gap="xs">
                  <Text size="sm">{t("countries.aboutFunding")}</Text>
                  <Text size="sm">{t("countries.aboutRate")}</Text>
                  <Text size="sm">{t("countries.aboutShapes")}</Text>
                </Stack>
              </Section>
            </Grid.Col>
          </Grid>
          {indicator ? (
            <Section
              title={t("indicators.comparedTitle", { indicator: pick(indicator.name) })}
              description={t("indicators.comparedHelp")}
              id="countries-compared"
            >
              <CountriesCompared indicator={indicator} observations={observations} />
            </Section>
          ) : null}
          <Section title={t("countries.tableTitle")} id="countries-table">
            <QueryState query={summary}>
              {() => (
                <Stack gap="xs">
                  <DataTable
                    caption={t("countries.tableTitle")}
                    fileName="esca-member-states"
                    rows={rows}
                    rowKey={(r) => r.code}
                    columns={columns}
                  />
                  <Text size="xs" c="dimmed">
                    {t("countries.fundingSource")}
                  </Text>
                  {rateSources.map((source) => (
                    <SourceLine key={source} source={source} />
                  ))}
                </Stack>
              )}
            </QueryState>
          </Section>
        </Stack>
      </Container>
    </>
  );
}
