import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { anonymous } from "../../platform/principal.ts";
import { type FundingSummary, summarizeFunding } from "../funding/index.ts";
import { trimDecimal } from "../indicators/index.ts";
import { findMandates, getMandate } from "../mandates/index.ts";
import {
  describeLedgerAsOf,
  listInitiativesAsOf,
  listObservationsAsOf,
} from "./figures.queries.ts";
import type {
  ReportFigures,
  ReportIndicator,
  ReportLanguage,
  ReportMandate,
} from "./report-figures.ts";

/** The resolution the report answers (¶9 of AG/RES. 2626 asks for it). */
export const REPORTED_RESOLUTION = "AG/RES. 2626 (XLI-O/11)";

/**
 * Every figure of a report as the data stood at `asOf`, gathered once. Funding comes from the
 * one roll-up (summarizeFunding with `asOf`, what the public may see); a mandate's status per
 * period is its last change by then in the audit trail; indicator values and initiatives are
 * those recorded (and published) by then. The same `asOf` gives the same figures.
 */
export async function gatherFigures(options: {
  db: Kysely<Database>;
  asOf: Date;
  symbol: string;
  originalLanguage: ReportLanguage;
}): Promise<ReportFigures> {
  const { db, asOf } = options;
  const filter = { publishedOnly: true, asOf };
  const roll = (by: Array<"component" | "country" | "partner" | "initiative">) =>
    summarizeFunding({ db, by, filter });
  const [byComponent, byCountry, byPartner, byInitiative] = await Promise.all([
    roll(["component"]),
    roll(["country"]),
    roll(["partner"]),
    roll(["initiative"]),
  ]);
  const [mandates, initiatives, observations, ledger] = await Promise.all([
    gatherMandates(db, asOf),
    listInitiativesAsOf(db, asOf),
    listObservationsAsOf(db, asOf),
    describeLedgerAsOf(db, asOf),
  ]);
  const measuresOf = new Map(
    byInitiative.rows.flatMap((row) =>
      row.key.initiative ? [[row.key.initiative.code, row]] : [],
    ),
  );
  return {
    version: 1,
    as_of: asOf.toISOString(),
    symbol: options.symbol,
    original_language: options.originalLanguage,
    resolution: mandates.resolution,
    funding: {
      total: byComponent.total,
      by_component: byComponent,
      by_country: byCountry,
      by_partner: byPartner,
    },
    mandates: mandates.items,
    indicators: toIndicators(observations),
    initiatives: initiatives.flatMap((row) => {
      const measures = measuresOf.get(row.code);
      if (!measures) return [];
      const { key: _key, remainder: _remainder, ...figures } = measures;
      return [
        {
          code: row.code,
          title: { es: row.title_es, en: row.title_en },
          component: row.component,
          lead_country: row.lead_country,
          status: row.status,
          illustrative: row.illustrative,
          source: row.source,
          measures: figures,
        },
      ];
    }),
    provenance: {
      flows: ledger.flows,
      illustrative_flows: ledger.illustrative_flows,
      initiatives: initiatives.length,
      illustrative_initiatives: initiatives.filter((row) => row.illustrative).length,
      flow_sources: ledger.sources,
    },
  };
}

/** The resolution's paragraphs with each period's status as the audit trail had it at `asOf`. */
async function gatherMandates(db: Kysely<Database>, asOf: Date) {
  const list = await findMandates({ db, symbol: REPORTED_RESOLUTION });
  const first = list.data[0];
  const items: ReportMandate[] = [];
  for (const mandate of list.data) {
    const detail = await getMandate({ db, id: mandate.id, publicOnly: true, viewer: anonymous });
    const latest = new Map<string, (typeof detail.history)[number]>();
    for (const entry of detail.history) {
      if (new Date(entry.at) <= asOf) latest.set(entry.period, entry);
    }
    items.push({
      paragraph: mandate.paragraph,
      text: mandate.text,
      text_es_official: mandate.text_es_official,
      statuses: mandate.periods.flatMap((period) => {
        const entry = latest.get(period.code);
        if (!entry?.status) return [];
        const now = mandate.statuses.find((s) => s.period === period.code);
        return [
          {
            period: period.code,
            period_label: period.label,
            status: entry.status,
            note: entry.note,
            illustrative: now?.illustrative ?? false,
          },
        ];
      }),
      evidence: detail.evidence
        .filter((item) => new Date(item.added_at) <= asOf)
        .map((item) => ({
          kind: item.kind,
          label: item.label,
          period: item.period,
          note: item.note,
        })),
      initiatives: detail.initiatives.map((initiative) => ({
        code: initiative.code,
        title: initiative.title,
      })),
    });
  }
  items.sort((a, b) => a.paragraph - b.paragraph);
  return {
    resolution: first
      ? {
          symbol: first.resolution.symbol,
          title: first.resolution.title,
          adopted_on: first.resolution.adopted_on,
        }
      : null,
    items,
  };
}

type ObservationRow = Awaited<ReturnType<typeof listObservationsAsOf>>[number];

/** Observations as one series per country over the years any country has a value. */
function toIndicators(rows: ObservationRow[]): ReportIndicator[] {
  const byCode = new Map<string, ObservationRow[]>();
  for (const row of rows) byCode.set(row.code, [...(byCode.get(row.code) ?? []), row]);
  return [...byCode.values()].map((group) => {
    const head = group[0] as ObservationRow;
    const years = [...new Set(group.map((row) => row.year))].sort((a, b) => a - b);
    const countries = [...new Set(group.map((row) => row.country))].sort();
    return {
      code: head.code,
      name: { es: head.name_es, en: head.name_en },
      unit: head.unit,
      years,
      series: countries.map((country) => ({
        country,
        values: years.map((year) => {
          const value = group.find((row) => row.country === country && row.year === year)?.value;
          return value === undefined ? null : trimDecimal(value);
        }),
      })),
      sources: [...new Set(group.map((row) => row.source))].sort(),
    };
  });
}

export type { FundingSummary };
