import type { FundingMeasures, FundingSummary } from "../funding/index.ts";
import { MEASURE_DEFINITIONS } from "./measure-definitions.ts";
import type { ChartSpec } from "./report-charts.ts";
import type { ReportFigures, ReportLanguage } from "./report-figures.ts";
import {
  COUNTRY_NAMES,
  formatInstant,
  formatPercent,
  formatUsd,
  REPORT_WORDS,
  type ReportWords,
} from "./report-words.ts";

/**
 * A report as a list of blocks in one language: what every format lays out (HTML, DOCX and
 * PDF differ only in how). Built from the figures alone, so the three formats say the same.
 */
export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string; small?: boolean }
  | { kind: "list"; items: string[] }
  | { kind: "table"; table: Table }
  | { kind: "chart"; chart: ChartSpec };

export interface Table {
  headers: string[];
  /** Number columns align right. */
  numeric: boolean[];
  rows: string[][];
  /** Rows to set in bold (the Total). */
  emphasis: number[];
  widths?: number[];
}

export interface ReportDocument {
  language: ReportLanguage;
  symbol: string;
  title: string;
  /** The as-of instant in words, the document's date. */
  date: string;
  /** Title-page lines, top to bottom. */
  cover: { council: string; symbol: string; date: string; original: string; title: string[] };
  blocks: Block[];
  footer: (page: number, pages: number) => string;
}

const FUNDING_COLUMNS = [
  "budget",
  "announced",
  "committed",
  "disbursed",
  "gap",
  "coverage_pct",
] as const;

export function buildReportDocument(
  figures: ReportFigures,
  language: ReportLanguage,
): ReportDocument {
  const w = REPORT_WORDS[language];
  const when = formatInstant(figures.as_of, language);
  const resolution = figures.resolution?.symbol ?? "AG/RES. 2626 (XLI-O/11)";
  const title = `${w.title} ${resolution}`;
  const original = w.originalLanguage(REPORT_WORDS[figures.original_language].language);
  const blocks: Block[] = [
    { kind: "paragraph", text: w.dataAsOf(when) },
    { kind: "heading", level: 1, text: w.summary },
    { kind: "paragraph", text: w.summaryText(summaryFacts(figures, language, when)) },
    ...paragraphBlocks(figures, language, w),
    ...fundingBlocks(figures, language, w),
    ...indicatorBlocks(figures, language, w),
    ...annexBlocks(figures, language, w),
    ...sourceBlocks(figures, w),
  ];
  return {
    language,
    symbol: figures.symbol,
    title,
    date: when,
    cover: {
      council: w.council,
      symbol: figures.symbol,
      date: `${w.date}: ${when}`,
      original,
      title: [title, w.subtitle],
    },
    blocks,
    footer: (page, pages) => `${figures.symbol} · ${w.page(page, pages)}`,
  };
}

function summaryFacts(figures: ReportFigures, language: ReportLanguage, when: string) {
  const total = figures.funding.total;
  return {
    when,
    announced: formatUsd(total.announced, language),
    committed: formatUsd(total.committed, language),
    disbursed: formatUsd(total.disbursed, language),
    budget: formatUsd(total.budget ?? "0.00", language),
    coverage: total.coverage_pct === null ? "—" : formatPercent(total.coverage_pct, language),
    gap: formatUsd(total.gap ?? "0.00", language),
    initiatives: figures.initiatives.length,
    paragraphs: figures.mandates.length,
    reported: figures.mandates.filter((m) => m.statuses.length > 0).length,
  };
}

const pick = (names: { es: string | null; en: string | null }, language: ReportLanguage) =>
  names[language] ?? names[language === "es" ? "en" : "es"] ?? "";

function paragraphBlocks(
  figures: ReportFigures,
  language: ReportLanguage,
  w: ReportWords,
): Block[] {
  const blocks: Block[] = [{ kind: "heading", level: 1, text: w.paragraphs }];
  for (const mandate of figures.mandates) {
    const unofficial = language === "es" && !mandate.text_es_official ? ` ${w.unofficial}` : "";
    blocks.push(
      { kind: "heading", level: 2, text: w.paragraph(mandate.paragraph) },
      { kind: "paragraph", text: `${pick(mandate.text, language)}${unofficial}` },
    );
    if (mandate.statuses.length === 0)
      blocks.push({ kind: "paragraph", text: w.noStatus, small: true });
    else
      blocks.push({
        kind: "table",
        table: {
          headers: [w.period, w.status, w.note],
          numeric: [false, false, false],
          widths: [2, 1.2, 4],
          rows: mandate.statuses.map((s) => [
            pick(s.period_label, language),
            `${w.statuses[s.status] ?? s.status}${s.illustrative ? ` (${w.illustrativeMark})` : ""}`,
            s.note ?? "—",
          ]),
          emphasis: [],
        },
      });
    const evidence = mandate.evidence.map((e) =>
      [e.label ?? e.kind, e.period, e.note].filter(Boolean).join(" · "),
    );
    blocks.push({ kind: "paragraph", text: `${w.evidence}:`, small: true });
    blocks.push(
      evidence.length
        ? { kind: "list", items: evidence }
        : { kind: "paragraph", text: w.noEvidence, small: true },
    );
    if (mandate.initiatives.length)
      blocks.push({
        kind: "paragraph",
        small: true,
        text: `${w.initiativesAnswering}: ${mandate.initiatives.map((i) => i.code).join(", ")}`,
      });
  }
  return blocks;
}

/** A roll-up as a table: its rows, the named remainder rows, then the Total they add up to. */
export function fundingTable(
  summary: FundingSummary,
  language: ReportLanguage,
  w: ReportWords,
  label: (key: FundingSummary["rows"][number]["key"]) => string,
): Table {
  const cells = (m: FundingMeasures) =>
    FUNDING_COLUMNS.map((c) => {
      const value = m[c];
      if (value === null) return "—";
      return c === "coverage_pct" ? formatPercent(value, language) : formatUsd(value, language);
    });
  const rows = summary.rows.map((row) => {
    const name = label(row.key);
    const remainder = row.remainder
      ? MEASURE_DEFINITIONS[
          row.remainder === "not_allocated_to_component"
            ? "not_allocated_to_component"
            : "remainder"
        ][language].name
      : null;
    return [remainder ? (name ? `${name} — ${remainder}` : remainder) : name, ...cells(row)];
  });
  rows.push([w.total, ...cells(summary.total)]);
  return {
    headers: ["", ...FUNDING_COLUMNS.map((c) => MEASURE_DEFINITIONS[c][language].name)],
    numeric: [false, ...FUNDING_COLUMNS.map(() => true)],
    widths: [1.75, 1.5, 1.5, 1.5, 1.5, 1.5, 0.85],
    rows,
    emphasis: [rows.length - 1],
  };
}

function fundingBlocks(figures: ReportFigures, language: ReportLanguage, w: ReportWords): Block[] {
  const { by_component, by_country, by_partner } = figures.funding;
  const table = (
    summary: FundingSummary,
    label: (key: FundingSummary["rows"][number]["key"]) => string,
    first: string,
  ): Block => {
    const t = fundingTable(summary, language, w, label);
    t.headers[0] = first;
    return { kind: "table", table: t };
  };
  return [
    { kind: "heading", level: 1, text: w.funding },
    { kind: "paragraph", text: w.fundingIntro },
    { kind: "heading", level: 2, text: w.byComponent },
    table(
      by_component,
      (key) => (key.component ? `${key.component.code} ${pick(key.component.name, language)}` : ""),
      w.component,
    ),
    { kind: "chart", chart: componentChart(figures, language, w) },
    { kind: "heading", level: 2, text: w.byCountry },
    table(
      by_country,
      (key) => (key.country ? (COUNTRY_NAMES[key.country]?.[language] ?? key.country) : ""),
      w.country,
    ),
    { kind: "heading", level: 2, text: w.byPartner },
    table(by_partner, (key) => (key.partner ? pick(key.partner.name, language) : ""), w.partner),
    { kind: "heading", level: 2, text: w.definitions },
    {
      kind: "list",
      items: (
        [
          "budget",
          "announced",
          "committed",
          "committed_not_allocated",
          "disbursed",
          "gap",
          "coverage_pct",
          "remainder",
          "not_allocated_to_component",
        ] as const
      ).map(
        (m) =>
          `${MEASURE_DEFINITIONS[m][language].name}: ${MEASURE_DEFINITIONS[m][language].definition}`,
      ),
    },
  ];
}

function componentChart(
  figures: ReportFigures,
  language: ReportLanguage,
  w: ReportWords,
): ChartSpec {
  const rows = figures.funding.by_component.rows.filter(
    (row) => row.key.component && !row.remainder,
  );
  const usd = (value: string | null) => Number(value ?? "0");
  return {
    kind: "bar",
    title: w.chartByComponent,
    categories: rows.map((row) => row.key.component?.code ?? ""),
    series: (["committed", "disbursed", "gap"] as const).map((m) => ({
      name: MEASURE_DEFINITIONS[m][language].name,
      values: rows.map((row) => usd(row[m])),
    })),
  };
}

function indicatorBlocks(
  figures: ReportFigures,
  language: ReportLanguage,
  w: ReportWords,
): Block[] {
  const blocks: Block[] = [{ kind: "heading", level: 1, text: w.indicators }];
  if (!figures.indicators.length) blocks.push({ kind: "paragraph", text: w.noIndicators });
  for (const indicator of figures.indicators) {
    const name = pick(indicator.name, language);
    const decimal = (v: string | null) =>
      v === null ? "—" : language === "es" ? v.replace(".", ",") : v;
    // A table of the latest years keeps its columns legible on a page.
    const years = indicator.years.slice(-8);
    const skip = indicator.years.length - years.length;
    blocks.push(
      { kind: "heading", level: 2, text: `${name} (${indicator.unit})` },
      {
        kind: "chart",
        chart: {
          kind: "line",
          title: w.chartTrend(name),
          categories: indicator.years.map(String),
          series: indicator.series.map((s) => ({
            name: COUNTRY_NAMES[s.country]?.[language] ?? s.country,
            values: s.values.map((v) => (v === null ? null : Number(v))),
          })),
        },
      },
      {
        kind: "table",
        table: {
          headers: [w.country, ...years.map(String)],
          numeric: [false, ...years.map(() => true)],
          rows: indicator.series.map((s) => [
            COUNTRY_NAMES[s.country]?.[language] ?? s.country,
            ...s.values.slice(skip).map(decimal),
          ]),
          emphasis: [],
        },
      },
      {
        kind: "paragraph",
        small: true,
        text: `${w.indicatorSource}: ${indicator.sources.join("; ")}`,
      },
    );
  }
  return blocks;
}

function annexBlocks(figures: ReportFigures, language: ReportLanguage, w: ReportWords): Block[] {
  const m = (key: "budget" | "committed" | "disbursed" | "gap") =>
    MEASURE_DEFINITIONS[key][language].name;
  return [
    { kind: "heading", level: 1, text: w.annex },
    {
      kind: "table",
      table: {
        headers: [
          w.code,
          w.titleColumn,
          w.component,
          w.leadCountry,
          w.status,
          m("budget"),
          m("committed"),
          m("disbursed"),
          m("gap"),
        ],
        numeric: [false, false, false, false, false, true, true, true, true],
        widths: [0.6, 2.1, 1.05, 1.0, 1.1, 1.3, 1.3, 1.3, 1.3],
        rows: figures.initiatives.map((i) => [
          i.code,
          `${pick(i.title, language)}${i.illustrative ? ` (${w.illustrativeMark})` : ""}`,
          i.component,
          COUNTRY_NAMES[i.lead_country]?.[language] ?? i.lead_country,
          w.initiativeStatuses[i.status] ?? i.status,
          ...(["budget", "committed", "disbursed", "gap"] as const).map((k) => {
            const v = i.measures[k];
            return v === null ? "—" : formatUsd(v, language);
          }),
        ]),
        emphasis: [],
      },
    },
  ];
}

function sourceBlocks(figures: ReportFigures, w: ReportWords): Block[] {
  const p = figures.provenance;
  return [
    { kind: "heading", level: 1, text: w.sources },
    {
      kind: "paragraph",
      text: w.sourcesText({
        flows: p.flows,
        illustrativeFlows: p.illustrative_flows,
        initiatives: p.initiatives,
        illustrativeInitiatives: p.illustrative_initiatives,
      }),
    },
    ...(p.flow_sources.length
      ? [
          { kind: "heading", level: 2, text: w.flowSources } as Block,
          { kind: "list", items: p.flow_sources } as Block,
        ]
      : []),
  ];
}
