import type { Kysely } from "kysely";
import { moneyOut } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { trimDecimal } from "../indicators/index.ts";
import { readFields } from "./illustrative-fields.ts";
import { findInitiativeRecord, type InitiativeRecordRow } from "./initiatives.queries.ts";
import type { Initiative } from "./initiatives.schema.ts";

/** Turns rows of initiatives, read with their lists, into API records. */
export function toInitiatives(rows: InitiativeRecordRow[]): Initiative[] {
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    title: { es: row.title_es, en: row.title_en },
    summary: { es: row.summary_es, en: row.summary_en },
    component: {
      id: row.component_id,
      code: row.component_code,
      name: { es: row.component_name_es, en: row.component_name_en },
    },
    line_of_action:
      row.line_of_action_id && row.line_code
        ? {
            id: row.line_of_action_id,
            code: row.line_code,
            name: { es: row.line_name_es ?? "", en: row.line_name_en ?? "" },
          }
        : null,
    lead_country: row.lead_country,
    countries: row.countries.map((c) => c.country_iso2),
    country_shares: row.countries
      .filter((c) => c.share_percentage !== null)
      .map((c) => ({ country: c.country_iso2, percentage: c.share_percentage ?? "" })),
    executing_agency:
      row.executing_agency_id && row.agency_code
        ? {
            id: row.executing_agency_id,
            code: row.agency_code,
            name: { es: row.agency_name_es ?? "", en: row.agency_name_en ?? "" },
          }
        : null,
    sectors: row.sectors.map((s) => ({ code: s.dac_code, percentage: s.percentage })),
    budget: moneyOut(row.budget_amount_minor, row.budget_currency),
    budget_value_date: row.budget_value_date,
    budget_usd: moneyOut(row.budget_usd_minor, "USD"),
    budget_fx: {
      rate: trimDecimal(row.budget_fx_rate),
      date: row.budget_fx_date,
      basis: row.budget_currency === "USD" ? null : row.budget_fx_basis,
    },
    start_date: row.start_date,
    end_date: row.end_date,
    targets: row.targets.map((t) => ({
      indicator: {
        id: t.indicator_id,
        code: t.code,
        name: { es: t.name_es, en: t.name_en },
        unit: t.unit,
      },
      baseline:
        t.baseline_value !== null && t.baseline_year !== null
          ? { value: trimDecimal(t.baseline_value), year: t.baseline_year }
          : null,
      target: { value: trimDecimal(t.target_value), year: t.target_year },
    })),
    status: row.status,
    published_at: row.published_at?.toISOString() ?? null,
    illustrative: row.illustrative,
    illustrative_fields: readFields(row.illustrative_fields),
    source: row.source,
    version: row.version,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }));
}

export async function loadInitiative(db: Kysely<Database>, idOrCode: string): Promise<Initiative> {
  const row = await findInitiativeRecord(db, idOrCode);
  if (!row) throw notFound("initiative", idOrCode);
  const [initiative] = toInitiatives([row]);
  if (!initiative) throw notFound("initiative", idOrCode);
  return initiative;
}
