import { Anchor, Container, Grid, SegmentedControl, Stack, Text } from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import { memberStates } from "../../../contracts/enum-values.ts";
import type { Observation } from "../../../contracts/indicators.ts";
import { useFundingSummary, useHomicideRates } from "../../api/queries.ts";
import type { FundingRow } from "../../api/schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { SourceLine } from "../../ui/Provenance.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { measureHelp } from "../funding/summary-rows.tsx";
import { CentralAmericaMap, type MapValue, type Ramp } from "./CentralAmericaMap.tsx";

const measures = ["committed", "gap", "homicide"] as const;
type MapMeasure = (typeof measures)[number];
const isMapMeasure = (value: string | null): value is MapMeasure =>
  measures.includes(value as MapMeasure);

/** The most recent observation of each country. */
export function latestByCountry(observations: Observation[]): Map<string, Observation> {
  const latest = new Map<string, Observation>();
  for (const o of observations) {
    const current = latest.get(o.country);
    if (!current || o.year > current.year) latest.set(o.country, o);
  }
  return latest;
}

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
  const rates = useHomicideRates();
  const latest = latestByCountry(rates.data?.data ?? []);
  const fundingOf = (code: string) => summary.data?.rows.find((r) => r.key.country === code);

  const mapValueOf = (code: string): MapValue | undefined => {
    if (measure === "homicide") {
      const rate = latest.get(code);
      return rate
        ? {
            magnitude: Number(rate.value),
            label: t("map.rateValue", { value: fmt.number(rate.value), year: rate.year }),
          }
        : undefined;
    }
    const amount = fundingOf(code)?.[measure];
    return amount ? { magnitude: Number(amount), label: fmt.money(amount, "USD") } : undefined;
  };
  const values = Object.fromEntries(memberStates.map((code) => [code, mapValueOf(code)]));
  const highest = Object.values(values).reduce<MapValue | undefined>(
    (best, v) => (v && (!best || v.magnitude > best.magnitude) ? v : best),
    undefined,
  );
  const ramp: Ramp = measure === "committed" ? "blue" : measure === "gap" ? "orange" : "red";
  const measureLabel = t(`map.measure.${measure}`);
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
      header: t("map.rateColumn"),
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
  const rateSources = [...new Set([...latest.values()].map((o) => o.source ?? ""))].filter(Boolean);
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
                  <SegmentedControl
                    size="xs"
                    value={measure}
                    aria-label={t("map.measureLabel")}
                    onChange={(next) => {
                      const updated = new URLSearchParams(params);
                      updated.set("measure", next);
                      setParams(updated, { replace: true, preventScrollReset: true });
                    }}
                    data={measures.map((m) => ({ value: m, label: t(`map.measure.${m}`) }))}
                  />
                }
              >
                <QueryState query={summary}>
                  {() => (
                    <CentralAmericaMap
                      values={values}
                      ramp={ramp}
                      title={t("countries.mapTitle", { measure: measureLabel })}
                      legendLow={t("map.legendLow")}
                      legendHigh={highest?.label ?? ""}
                    />
                  )}
                </QueryState>
                <Text size="xs" c="dimmed" mt="xs">
                  {t("map.help")}
                </Text>
                {measure === "homicide"
                  ? rateSources.map((source) => <SourceLine key={source} source={source} />)
                  : null}
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
