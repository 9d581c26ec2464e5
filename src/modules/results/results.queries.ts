import { type Insertable, type Kysely, sql } from "kysely";
import type { Database, ResultsIndicatorsTable } from "../../platform/db/schema.ts";

/** An initiative's results indicators, with its code and the national indicator each names. */
export function resultsIndicatorRows(
  db: Kysely<Database>,
  where: { initiativeId: string } | { id: string },
) {
  const query = db
    .selectFrom("results_indicators as r")
    .innerJoin("initiatives as i", "i.id", "r.initiative_id")
    .leftJoin("indicators as n", "n.id", "r.national_indicator_id")
    .selectAll("r")
    .select([
      "i.code as initiative_code",
      "i.lead_country",
      "n.code as national_code",
      "n.name_es as national_name_es",
      "n.name_en as national_name_en",
    ]);
  return (
    "id" in where
      ? query.where("r.id", "=", where.id)
      : query.where("r.initiative_id", "=", where.initiativeId)
  )
    .orderBy(sql`case r.level when 'output' then 0 else 1 end`)
    .orderBy("r.code")
    .execute();
}
export type ResultsIndicatorRow = Awaited<ReturnType<typeof resultsIndicatorRows>>[number];

export function targetRows(db: Kysely<Database>, indicatorIds: string[]) {
  if (indicatorIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("results_targets")
    .selectAll()
    .where("results_indicator_id", "in", indicatorIds)
    .orderBy("year")
    .execute();
}

/** Actuals with who reported them by organization and role only, never a person. */
export function actualRows(db: Kysely<Database>, indicatorIds: string[]) {
  if (indicatorIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("results_actuals as a")
    .leftJoin("organizations as o", "o.id", "a.reporter_organization_id")
    .selectAll("a")
    .select("o.code as organization_code")
    .where("a.results_indicator_id", "in", indicatorIds)
    .orderBy("a.year")
    .execute();
}
export type ActualRow = Awaited<ReturnType<typeof actualRows>>[number];

export function insertResultsIndicatorRow(
  db: Kysely<Database>,
  values: Insertable<ResultsIndicatorsTable>,
) {
  return db
    .insertInto("results_indicators")
    .values(values)
    .returning("id")
    .executeTakeFirstOrThrow();
}

export function codeTaken(db: Kysely<Database>, initiativeId: string, code: string) {
  return db
    .selectFrom("results_indicators")
    .select("id")
    .where("initiative_id", "=", initiativeId)
    .where("code", "=", code)
    .executeTakeFirst();
}

export function nationalIndicatorId(db: Kysely<Database>, code: string) {
  return db
    .selectFrom("indicators")
    .select("id")
    .where("code", "=", code.toLowerCase())
    .executeTakeFirst();
}

export async function replaceTargetRows(
  db: Kysely<Database>,
  indicatorId: string,
  targets: Array<{ year: number; value: string }>,
) {
  await db.deleteFrom("results_targets").where("results_indicator_id", "=", indicatorId).execute();
  await db
    .insertInto("results_targets")
    .values(
      targets.map((t) => ({ results_indicator_id: indicatorId, year: t.year, value: t.value })),
    )
    .execute();
}

export function lockActualRow(db: Kysely<Database>, indicatorId: string, year: number) {
  return db
    .selectFrom("results_actuals")
    .selectAll()
    .where("results_indicator_id", "=", indicatorId)
    .where("year", "=", year)
    .forUpdate()
    .executeTakeFirst();
}

export function insertActualRow(
  db: Kysely<Database>,
  values: Insertable<Database["results_actuals"]>,
) {
  return db.insertInto("results_actuals").values(values).returning("id").executeTakeFirstOrThrow();
}
