import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { trimDecimal } from "../indicators/index.ts";
import { progressToTarget, targetFor } from "./progress-to-target.ts";
import {
  type ActualRow,
  actualRows,
  type ResultsIndicatorRow,
  targetRows,
} from "./results.queries.ts";
import type { ResultsActual, ResultsIndicator } from "./results.schema.ts";

/** The rows of some results indicators as the API shows them, progress computed once here. */
export async function toResultsIndicators(
  db: Kysely<Database>,
  rows: ResultsIndicatorRow[],
): Promise<ResultsIndicator[]> {
  const ids = rows.map((r) => r.id);
  const [targets, actuals] = await Promise.all([targetRows(db, ids), actualRows(db, ids)]);
  return rows.map((row) => {
    const ownTargets = targets
      .filter((t) => t.results_indicator_id === row.id)
      .map((t) => ({ value: trimDecimal(t.value), year: t.year }));
    const baseline =
      row.baseline_value !== null && row.baseline_year !== null
        ? { value: trimDecimal(row.baseline_value), year: row.baseline_year }
        : null;
    const progressOf = (actual: { value: string; year: number } | null, year: number | null) =>
      progressToTarget({
        direction: row.direction,
        baseline,
        target: year === null ? (ownTargets.at(-1) ?? null) : targetFor(ownTargets, year),
        actual,
      });
    const ownActuals = actuals
      .filter((a) => a.results_indicator_id === row.id)
      .map((a) => toActual(a, progressOf));
    const latest = ownActuals.at(-1);
    return {
      id: row.id,
      initiative: { id: row.initiative_id, code: row.initiative_code },
      code: row.code,
      level: row.level,
      name: { es: row.name_es, en: row.name_en },
      unit: row.unit,
      direction: row.direction,
      baseline,
      targets: ownTargets,
      actuals: ownActuals,
      progress: progressOf(latest ? { value: latest.value, year: latest.year } : null, null),
      national_indicator:
        row.national_indicator_id && row.national_code
          ? {
              id: row.national_indicator_id,
              code: row.national_code,
              name: { es: row.national_name_es ?? "", en: row.national_name_en ?? "" },
            }
          : null,
      illustrative: row.illustrative,
      version: row.version,
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
    };
  });
}

function toActual(
  row: ActualRow,
  progressOf: (actual: { value: string; year: number }, year: number) => ResultsActual["progress"],
): ResultsActual {
  const value = trimDecimal(row.value);
  return {
    id: row.id,
    year: row.year,
    value,
    evidence: row.evidence,
    evidence_url: row.evidence_url,
    notes: row.notes,
    reported_by:
      row.reporter_role || row.organization_code
        ? { organization: row.organization_code, role: row.reporter_role }
        : null,
    illustrative: row.illustrative,
    progress: progressOf({ value, year: row.year }, row.year),
    version: row.version,
    reported_at: row.updated_at.toISOString(),
  };
}
