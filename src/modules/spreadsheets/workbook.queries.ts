import { type Kysely, sql } from "kysely";
import { formatMinorUnits } from "../../contracts/money.ts";
import {
  type FlowColumn,
  flowColumns,
  type InitiativeColumn,
  initiativeColumns,
} from "../../contracts/workbook-labels.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { InitiativeVisibility } from "../initiatives/index.ts";

export { flowColumns, initiativeColumns };
export type InitiativeSheetRow = Record<InitiativeColumn, string>;
export type FlowSheetRow = Record<FlowColumn, string>;

/** The initiatives (aliased `i`) a reader may read: published, and the drafts `visibility` opens. */
const readable = (visibility: InitiativeVisibility) =>
  visibility.unpublished === "all"
    ? sql<boolean>`true`
    : visibility.unpublished === "country"
      ? sql<boolean>`(i.published_at is not null or i.lead_country = ${visibility.country})`
      : sql<boolean>`i.published_at is not null`;

/** Codes of the initiatives a reader may read, for the flows sheet's initiative column. */
export async function initiativeCodes(db: Kysely<Database>, visibility: InitiativeVisibility) {
  return db
    .selectFrom("initiatives as i")
    .select(["i.id", "i.code"])
    .where(readable(visibility))
    .execute();
}

const text = (value: string | number | null | undefined) =>
  value === null || value === undefined ? "" : String(value);

/** The initiatives a reader may read as sheet rows: codes instead of ids, lists as text ("GT,HN"; "15210:60;15130:40"). */
export async function initiativeRows(
  db: Kysely<Database>,
  visibility: InitiativeVisibility,
): Promise<InitiativeSheetRow[]> {
  const [rows, countries, sectors] = await Promise.all([
    db
      .selectFrom("initiatives as i")
      .innerJoin("strategy_components as c", "c.id", "i.component_id")
      .leftJoin("lines_of_action as l", "l.id", "i.line_of_action_id")
      .selectAll("i")
      .select(["c.code as component_code", "l.code as line_code"])
      .where(readable(visibility))
      .orderBy("i.code")
      .execute(),
    db.selectFrom("initiative_countries").selectAll().orderBy("country_iso2").execute(),
    db
      .selectFrom("initiative_sectors")
      .selectAll()
      .orderBy("percentage", "desc")
      .orderBy("dac_code")
      .execute(),
  ]);
  return rows.map((i) => ({
    code: i.code,
    title_es: text(i.title_es),
    title_en: text(i.title_en),
    summary_es: text(i.summary_es),
    summary_en: text(i.summary_en),
    component: i.component_code,
    line_of_action: text(i.line_code),
    lead_country: i.lead_country,
    countries: countries
      .filter((c) => c.initiative_id === i.id)
      .map((c) => c.country_iso2)
      .join(","),
    sectors: sectors
      .filter((s) => s.initiative_id === i.id)
      .map((s) => `${s.dac_code}:${s.percentage.replace(/\.?0+$/, "")}`)
      .join(";"),
    budget_amount: formatMinorUnits(i.budget_amount_minor, i.budget_currency),
    budget_currency: i.budget_currency,
    budget_value_date: i.budget_value_date,
    start_date: text(i.start_date),
    end_date: text(i.end_date),
    status: i.status,
    version: String(i.version),
  }));
}

/**
 * The standing ledger entries (neither reversals nor reversed) a reader may read, as sheet
 * rows: those not allocated to an initiative, and those of the initiatives they may read.
 */
export async function flowRows(
  db: Kysely<Database>,
  visibility: InitiativeVisibility,
): Promise<FlowSheetRow[]> {
  const rows = await db
    .selectFrom("support_flows as f")
    .innerJoin("organizations as p", "p.id", "f.partner_id")
    // A region-wide announcement names no component: its cell is left empty.
    .leftJoin("strategy_components as c", "c.id", "f.component_id")
    .leftJoin("initiatives as i", "i.id", "f.initiative_id")
    .leftJoin("support_flows as r", "r.reverses_id", "f.id")
    .select([
      "f.id",
      "f.flow_type",
      "f.support_kind",
      "p.code as partner",
      "i.code as initiative",
      "c.code as component",
    ])
    .select(["f.amount_minor", "f.currency", "f.finance_type", "f.value_date", "f.description"])
    .select(["f.source", "f.note"])
    .where("f.reverses_id", "is", null)
    .where("r.id", "is", null)
    .where((eb) => eb.or([eb("f.initiative_id", "is", null), readable(visibility)]))
    .orderBy("f.seq")
    .execute();
  return rows.map((f) => ({
    id: f.id,
    flow_type: f.flow_type,
    support_kind: f.support_kind,
    partner: f.partner,
    initiative: text(f.initiative),
    component: text(f.component),
    amount:
      f.amount_minor === null || f.currency === null
        ? ""
        : formatMinorUnits(f.amount_minor, f.currency),
    currency: text(f.currency),
    finance_type: text(f.finance_type),
    value_date: f.value_date,
    description: text(f.description),
    source: text(f.source),
    note: text(f.note),
  }));
}

/** Every organization's id and code (the partners a flow row may name). */
export function organizationCodes(db: Kysely<Database>) {
  return db.selectFrom("organizations").select(["id", "code"]).execute();
}

/** Every strategy component's id and code. */
export function componentCodes(db: Kysely<Database>) {
  return db.selectFrom("strategy_components").select(["id", "code"]).execute();
}

/** The id of the initiative with this code (one the same upload has just created). */
export async function initiativeIdOfCode(db: Kysely<Database>, code: string): Promise<string> {
  const row = await db
    .selectFrom("initiatives")
    .select("id")
    .where("code", "=", code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** What decides who may change an initiative, by code, for those a reader may read. */
export function initiativeFacts(db: Kysely<Database>, visibility: InitiativeVisibility) {
  return db
    .selectFrom("initiatives as i")
    .select(["i.code", "i.lead_country", "i.status", "i.published_at"])
    .where(readable(visibility))
    .execute();
}

/** The codes a workbook's lists offer, with their names in both languages. */
export async function listEntries(db: Kysely<Database>) {
  const [organizations, components] = await Promise.all([
    db
      .selectFrom("organizations")
      .select(["id", "code", "name_es", "name_en"])
      .orderBy("code")
      .execute(),
    db
      .selectFrom("strategy_components")
      .select(["code", "name_es", "name_en"])
      .orderBy("code")
      .execute(),
  ]);
  return { organizations, components };
}
