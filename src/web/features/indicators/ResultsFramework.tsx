import { Anchor, Badge, Group, Stack, Table, Text } from "@mantine/core";
import { useMemo } from "react";
import type { Progress, ResultsIndicator } from "../../../contracts/results.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { Chart } from "../../ui/Chart.tsx";
import { FigureFacts } from "../../ui/FigureFacts.tsx";
import { IllustrativeBadge } from "../../ui/Provenance.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { yearLines } from "./indicator-charts.ts";
import { useResultsFramework } from "./indicators-api.ts";

const statusColor: Record<Progress["status"], string> = {
  met: "green",
  progressing: "blue",
  worsened: "red",
  not_met: "orange",
  not_reported: "gray",
};

/** Progress to target in words: the status and, where there is one, the share of the way. */
export function ProgressBadge({ progress }: { progress: Progress }) {
  const { t, fmt } = useI18n();
  const label = t(`results.status.${progress.status}`);
  return (
    <Badge color={statusColor[progress.status]} variant="light" data-testid="progress-badge">
      {progress.percent !== null
        ? t("results.statusPercent", { status: label, percent: fmt.number(progress.percent) })
        : label}
    </Badge>
  );
}

/** Baseline → targets → actuals of one indicator on one time axis. */
function BaselineTargetActual({ indicator }: { indicator: ResultsIndicator }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const option = useMemo(() => {
    const years = [
      ...new Set([
        ...(indicator.baseline ? [indicator.baseline.year] : []),
        ...indicator.targets.map((x) => x.year),
        ...indicator.actuals.map((x) => x.year),
      ]),
    ].sort((a, b) => a - b);
    const at = (points: { year: number; value: string }[]) =>
      years.map((year) => points.find((p) => p.year === year)?.value ?? null);
    const start = indicator.baseline ? [indicator.baseline] : [];
    const chart = yearLines({
      years,
      unit: indicator.unit,
      fmt,
      lines: [
        {
          name: t("results.targetLine"),
          values: at([...start, ...indicator.targets]),
          dashed: true,
          color: "#475569",
        },
        {
          name: t("results.actualLine"),
          values: at([...start, ...indicator.actuals]),
          color: "#0f8a6a",
        },
      ],
    });
    return { chart, years };
  }, [indicator, t, fmt]);
  const years = option.years;
  const first = years[0];
  const last = years[years.length - 1];
  return (
    <>
      <Chart
        option={option.chart}
        height={220}
        label={t("results.chartLabel", { indicator: pick(indicator.name) })}
      />
      <FigureFacts
        unit={indicator.unit}
        when={
          first === undefined
            ? "—"
            : first === last
              ? t("figure.year", { year: first })
              : t("figure.years", { years: `${first}–${last}` })
        }
        source={t("results.chartSource")}
        illustrative={indicator.illustrative}
      />
    </>
  );
}

function IndicatorResults({ indicator }: { indicator: ResultsIndicator }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const value = (v: { value: string; year: number } | null) =>
    v ? t("indicators.valueInYear", { value: fmt.number(v.value), year: v.year }) : "—";
  return (
    <Stack gap="xs" data-testid={`results-${indicator.code}`} className="results-indicator">
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Badge variant="outline">{t(`results.level.${indicator.level}`)}</Badge>
          <Text fw={600}>
            {indicator.code} · {pick(indicator.name)}
          </Text>
          {indicator.illustrative ? <IllustrativeBadge /> : null}
        </Group>
        <ProgressBadge progress={indicator.progress} />
      </Group>
      <Text size="xs" c="dimmed">
        {t("results.unitDirection", {
          unit: indicator.unit,
          direction: t(`indicators.direction.${indicator.direction}`),
        })}
        {" · "}
        {t("results.baselineIs", { value: value(indicator.baseline) })}
        {" · "}
        {t("results.targetsAre", {
          targets: indicator.targets.map((x) => value(x)).join(", "),
        })}
      </Text>
      <BaselineTargetActual indicator={indicator} />
      {indicator.actuals.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("results.noActuals")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("results.year")}</Table.Th>
                <Table.Th scope="col">{t("results.actual")}</Table.Th>
                <Table.Th scope="col">{t("results.progress")}</Table.Th>
                <Table.Th scope="col">{t("results.evidence")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {indicator.actuals.map((a) => (
                <Table.Tr key={a.id} data-testid="actual-row">
                  <Table.Td>{a.year}</Table.Td>
                  <Table.Td className="num">{fmt.number(a.value)}</Table.Td>
                  <Table.Td>
                    <ProgressBadge progress={a.progress} />
                  </Table.Td>
                  <Table.Td>
                    {a.illustrative ? <IllustrativeBadge /> : null}{" "}
                    {a.evidence_url ? (
                      <Anchor
                        href={a.evidence_url}
                        target="_blank"
                        rel="noopener noreferrer"
                        size="sm"
                      >
                        {a.evidence}
                      </Anchor>
                    ) : (
                      a.evidence
                    )}
                    {a.reported_by?.role
                      ? ` · ${t("results.reportedBy", {
                          organization: a.reported_by.organization ?? "—",
                          role: t(`role.${a.reported_by.role}` as "role.focal_point"),
                        })}`
                      : ""}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** The initiative's own results: what it delivers and changes, against its targets. */
export function ResultsFramework({ initiative }: { initiative: string }) {
  const { t } = useI18n();
  const framework = useResultsFramework(initiative);
  return (
    <QueryState query={framework}>
      {({ data }) =>
        data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("results.none")}
          </Text>
        ) : (
          <Stack gap="lg">
            {data.map((indicator) => (
              <IndicatorResults key={indicator.id} indicator={indicator} />
            ))}
            <Text size="xs" c="dimmed">
              {t("results.progressHelp")}
            </Text>
          </Stack>
        )
      }
    </QueryState>
  );
}
