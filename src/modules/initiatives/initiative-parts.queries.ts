import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { invalidField } from "../../platform/errors.ts";

/**
 * The lists an initiative owns: participating countries, OECD-DAC sectors and results
 * targets. They are read for a page of initiatives at once, and written by replacing the
 * whole list, as the API sends them whole.
 */
export interface TargetRow {
  indicator_id: string;
  baseline_value: string | null;
  baseline_year: number | null;
  target_value: string;
  target_year: number;
}

export function countriesOf(db: Kysely<Database>, initiativeIds: string[]) {
  if (initiativeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("initiative_countries")
    .selectAll()
    .where("initiative_id", "in", initiativeIds)
    .orderBy("country_iso2")
    .execute();
}

export function sectorsOf(db: Kysely<Database>, initiativeIds: string[]) {
  if (initiativeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("initiative_sectors")
    .selectAll()
    .where("initiative_id", "in", initiativeIds)
    .orderBy("percentage", "desc")
    .orderBy("dac_code")
    .execute();
}

export function targetsOf(db: Kysely<Database>, initiativeIds: string[]) {
  if (initiativeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("initiative_targets as t")
    .innerJoin("indicators as ind", "ind.id", "t.indicator_id")
    .selectAll("t")
    .select(["ind.code", "ind.name_es", "ind.name_en", "ind.unit"])
    .where("t.initiative_id", "in", initiativeIds)
    .orderBy("ind.code")
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
