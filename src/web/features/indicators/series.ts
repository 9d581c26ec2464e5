import type { Observation } from "../../../contracts/indicators.ts";

/**
 * Observations of one indicator arranged for a chart: one line per source (a series never
 * mixes sources), over the years any of them covers; a year a source has no value for is a
 * gap (null), drawn as a break, never filled.
 */
export interface SourceSeries {
  source: string;
  values: (string | null)[];
}

export function seriesBySource(observations: Observation[]): {
  years: number[];
  series: SourceSeries[];
} {
  const years = yearsOf(observations);
  const sources = [...new Set(observations.map((o) => o.source))].sort(
    (a, b) => countOf(observations, b) - countOf(observations, a) || a.localeCompare(b),
  );
  return {
    years,
    series: sources.map((source) => ({
      source,
      values: years.map(
        (year) => observations.find((o) => o.source === source && o.year === year)?.value ?? null,
      ),
    })),
  };
}

/** One line per country, from one source only. */
export function seriesByCountry(
  observations: Observation[],
  source: string,
  countries: readonly string[],
): { years: number[]; series: { country: string; values: (string | null)[] }[] } {
  const rows = observations.filter((o) => o.source === source);
  const years = yearsOf(rows);
  return {
    years,
    series: countries
      .filter((country) => rows.some((o) => o.country === country))
      .map((country) => ({
        country,
        values: years.map(
          (year) => rows.find((o) => o.country === country && o.year === year)?.value ?? null,
        ),
      })),
  };
}

/** The source with the most values: the series shown when only one can be. */
export function mainSource(observations: Observation[]): string | null {
  return seriesBySource(observations).series[0]?.source ?? null;
}

/** The latest value of each country from one source (the map, the table beside it). */
export function latestFromSource(
  observations: Observation[],
  source: string | null,
): Map<string, Observation> {
  const latest = new Map<string, Observation>();
  for (const o of observations) {
    if (o.source !== source) continue;
    const current = latest.get(o.country);
    if (!current || o.year > current.year) latest.set(o.country, o);
  }
  return latest;
}

function yearsOf(observations: Observation[]): number[] {
  const all = observations.map((o) => o.year);
  if (all.length === 0) return [];
  const first = Math.min(...all);
  const last = Math.max(...all);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

const countOf = (observations: Observation[], source: string) =>
  observations.filter((o) => o.source === source).length;
