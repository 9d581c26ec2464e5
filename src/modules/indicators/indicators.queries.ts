import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { ObservationSex } from "../../contracts/indicators.ts";
import { readPage } from "../../platform/db/paging.ts";
import { containsPattern, isUuid } from "../../platform/db/query-helpers.ts";
import type {
  Database,
  IndicatorObservationsTable,
  IndicatorsTable,
} from "../../platform/db/schema.ts";
import { trimDecimal } from "./decimal.ts";
import type {
  Indicator,
  ListIndicatorsQuery,
  ListObservationsQuery,
  Observation,
} from "./indicators.schema.ts";

export type IndicatorRow = Selectable<IndicatorsTable>;
type ObservationRow = Selectable<IndicatorObservationsTable> & { indicator_code: string };

/** An indicator is addressed by its uuid or its code ("homicide_rate"). */
export function findIndicatorRow(db: Kysely<Database>, idOrCode: string) {
  const query = db.selectFrom("indicators").selectAll();
  return (
    isUuid(idOrCode)
      ? query.where("id", "=", idOrCode)
      : query.where("code", "=", idOrCode.toLowerCase())
  ).executeTakeFirst();
}

export async function listIndicatorRows(db: Kysely<Database>, query: ListIndicatorsQuery) {
  let base = db.selectFrom("indicators");
  if (query.q) {
    const pattern = containsPattern(query.q);
    base = base.where((eb) =>
      eb.or([
        eb("code", "ilike", pattern),
        eb("name_en", "ilike", pattern),
        eb("name_es", "ilike", pattern),
      ]),
    );
  }
  return readPage(
    {
      rows: base.selectAll().orderBy(query.sort.field, query.sort.direction).orderBy("id"),
      count: base,
    },
    query,
  );
}

function observationsWithCode(db: Kysely<Database>) {
  return db
    .selectFrom("indicator_observations as o")
    .innerJoin("indicators as i", "i.id", "o.indicator_id")
    .selectAll("o")
    .select("i.code as indicator_code");
}

export function findObservationRow(db: Kysely<Database>, id: string) {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return observationsWithCode(db).where("o.id", "=", id).executeTakeFirst();
}

const observationSortColumns = {
  year: "o.year",
  country: "o.country_iso2",
  value: "o.value",
} as const;

export async function listObservationRows(
  db: Kysely<Database>,
  indicatorId: string,
  query: ListObservationsQuery,
) {
  let base = db.selectFrom("indicator_observations as o").where("o.indicator_id", "=", indicatorId);
  if (query.country?.length) base = base.where("o.country_iso2", "in", query.country);
  if (query.from_year !== undefined) base = base.where("o.year", ">=", query.from_year);
  if (query.to_year !== undefined) base = base.where("o.year", "<=", query.to_year);
  if (query.sex) base = base.where("o.sex", "=", query.sex);
  if (query.source) base = base.where("o.source", "=", query.source);
  return readPage(
    {
      rows: base
        .innerJoin("indicators as i", "i.id", "o.indicator_id")
        .selectAll("o")
        .select("i.code as indicator_code")
        .orderBy(observationSortColumns[query.sort.field], query.sort.direction)
        .orderBy("o.country_iso2")
        .orderBy("o.year")
        .orderBy("o.source")
        .orderBy("o.sex"),
      count: base,
    },
    query,
  );
}

export function toIndicator(row: IndicatorRow): Indicator {
  return {
    id: row.id,
    code: row.code,
    name: { es: row.name_es, en: row.name_en },
    unit: row.unit,
    direction: row.direction,
    source: row.source,
    sdg_indicator: row.sdg_indicator,
    version: row.version,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function toObservation(row: ObservationRow): Observation {
  return {
    id: row.id,
    indicator: { id: row.indicator_id, code: row.indicator_code },
    country: row.country_iso2,
    year: row.year,
    sex: row.sex,
    value: trimDecimal(row.value),
    source: row.source,
    notes: row.notes,
    version: row.version,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function insertIndicatorRow(db: Kysely<Database>, values: Insertable<IndicatorsTable>) {
  return db.insertInto("indicators").values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * Writes the value of an indicator for a country, year, source and sex, correcting the one
 * there; the same value and notes again change nothing. Another source is another row: series
 * from two releases are never merged. The row's id, and whether it is new or changed.
 */
export async function upsertObservationRow(
  db: Kysely<Database>,
  values: Insertable<IndicatorObservationsTable> & {
    country_iso2: string;
    year: number;
    sex: ObservationSex;
    notes: string | null;
  },
): Promise<{ id: string; created: boolean; changed: boolean }> {
  const written = await db
    .insertInto("indicator_observations")
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(["indicator_id", "country_iso2", "year", "sex", "source"])
        .doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          notes: eb.ref("excluded.notes"),
          version: sql<number>`indicator_observations.version + 1`,
          updated_at: new Date(),
        }))
        .where((eb) =>
          eb.or([
            eb("indicator_observations.value", "<>", eb.ref("excluded.value")),
            sql<boolean>`indicator_observations.notes is distinct from excluded.notes`,
          ]),
        ),
    )
    // xmax is 0 on a freshly inserted row and set on a row the upsert updated.
    .returning(["id", sql<boolean>`xmax = 0`.as("created")])
    .executeTakeFirst();
  if (written) return { id: written.id, created: written.created === true, changed: true };
  const unchanged = await db
    .selectFrom("indicator_observations")
    .select("id")
    .where("indicator_id", "=", values.indicator_id)
    .where("country_iso2", "=", values.country_iso2)
    .where("year", "=", values.year)
    .where("sex", "=", values.sex)
    .where("source", "=", values.source)
    .executeTakeFirstOrThrow();
  return { id: unchanged.id, created: false, changed: false };
}

/** The ids of the indicators with these codes (for a CSV's rows). */
export async function indicatorIdsByCode(db: Kysely<Database>, codes: string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("indicators")
    .select(["id", "code"])
    .where("code", "in", codes)
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Every observation of an indicator, by country, source, sex and year (for the CSV export). */
export function allObservationRows(db: Kysely<Database>, indicatorId: string) {
  return db
    .selectFrom("indicator_observations")
    .selectAll()
    .where("indicator_id", "=", indicatorId)
    .orderBy("country_iso2")
    .orderBy("source")
    .orderBy("sex")
    .orderBy("year")
    .execute();
}
