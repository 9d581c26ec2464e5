import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { invalidField } from "../../platform/errors.ts";

/**
 * The lists an initiative owns: participating countries, OECD-DAC sectors and results
 * targets. They are read beside the initiative's row, as JSON arrays of its statement, and
 * written by replacing the whole list, as the API sends them whole.
 */
export interface TargetRow {
  indicator_id: string;
  baseline_value: string | null;
  baseline_year: number | null;
  target_value: string;
  target_year: number;
}

export interface CountryPart {
  country_iso2: string;
  share_percentage: string | null;
}

export interface SectorPart {
  dac_code: string;
  percentage: string;
}

export interface TargetPart extends TargetRow {
  code: string;
  name_es: string;
  name_en: string;
  unit: string;
}

/*
 * Each list of the initiative `i` as one JSON array, in the order the API gives it. Decimals
 * travel as text (`::text`), exactly as the driver reads a numeric column: 60.00 stays
 * "60.00", where a JSON number would arrive as 60.
 */
const countriesJson = sql<CountryPart[]>`coalesce((
  select json_agg(json_build_object('country_iso2', ic.country_iso2,
      'share_percentage', ic.share_percentage::text) order by ic.country_iso2)
  from initiative_countries ic where ic.initiative_id = i.id), '[]')`;

const sectorsJson = sql<SectorPart[]>`coalesce((
  select json_agg(json_build_object('dac_code', s.dac_code, 'percentage', s.percentage::text)
      order by s.percentage desc, s.dac_code)
  from initiative_sectors s where s.initiative_id = i.id), '[]')`;

const targetsJson = sql<TargetPart[]>`coalesce((
  select json_agg(json_build_object('indicator_id', t.indicator_id,
      'baseline_value', t.baseline_value::text, 'baseline_year', t.baseline_year,
      'target_value', t.target_value::text, 'target_year', t.target_year,
      'code', ind.code, 'name_es', ind.name_es, 'name_en', ind.name_en, 'unit', ind.unit)
      order by ind.code)
  from initiative_targets t join indicators ind on ind.id = t.indicator_id
  where t.initiative_id = i.id), '[]')`;

/** The columns that carry an initiative's lists, for a query over `initiatives as i`. */
export const initiativeParts = [
  countriesJson.as("countries"),
  sectorsJson.as("sectors"),
  targetsJson.as("targets"),
] as const;

export function countriesOf(db: Kysely<Database>, initiativeIds: string[]) {
  if (initiativeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("initiative_countries")
    .selectAll()
    .where("initiative_id", "in", initiativeIds)
    .orderBy("country_iso2")
    .execute();
}

/** A participating country's share of the budget, as a percentage string; null: not said. */
export type CountryShares = Record<string, string | null>;

export const sharesOf = (shares: Array<{ country: string; percentage: string }>): CountryShares =>
  Object.fromEntries(shares.map((share) => [share.country, share.percentage]));

/**
 * Replaces the participating countries. Shares sent are written as sent (a country left out
 * has none); when none are sent, the countries that stay keep the share they had.
 */
export async function replaceCountries(
  db: Kysely<Database>,
  initiativeId: string,
  countries: string[],
  shares?: CountryShares,
) {
  const kept: CountryShares =
    shares ??
    Object.fromEntries(
      (await countriesOf(db, [initiativeId])).map((row) => [
        row.country_iso2,
        row.share_percentage,
      ]),
    );
  if (shares) {
    const stranger = Object.keys(shares).find((country) => !countries.includes(country));
    if (stranger)
      throw invalidField("country_shares", `${stranger} is not a participating country`, {
        code: "share_not_participating",
        country: stranger,
      });
  }
  await db.deleteFrom("initiative_countries").where("initiative_id", "=", initiativeId).execute();
  if (countries.length === 0) return;
  await db
    .insertInto("initiative_countries")
    .values(
      countries.map((country_iso2) => ({
        initiative_id: initiativeId,
        country_iso2,
        share_percentage: kept[country_iso2] ?? null,
      })),
    )
    .execute();
}

export async function replaceSectors(
  db: Kysely<Database>,
  initiativeId: string,
  sectors: Array<{ code: string; percentage: string }>,
) {
  await db.deleteFrom("initiative_sectors").where("initiative_id", "=", initiativeId).execute();
  if (sectors.length === 0) return;
  await db
    .insertInto("initiative_sectors")
    .values(
      sectors.map((sector) => ({
        initiative_id: initiativeId,
        dac_code: sector.code,
        percentage: sector.percentage,
      })),
    )
    .execute();
}

export async function replaceTargets(
  db: Kysely<Database>,
  initiativeId: string,
  targets: TargetRow[],
) {
  await db.deleteFrom("initiative_targets").where("initiative_id", "=", initiativeId).execute();
  if (targets.length === 0) return;
  await db
    .insertInto("initiative_targets")
    .values(targets.map((target) => ({ ...target, initiative_id: initiativeId })))
    .execute();
}

export function countryListOf(db: Kysely<Database>, initiativeId: string) {
  return countriesOf(db, [initiativeId]).then((rows) => rows.map((row) => row.country_iso2));
}
