import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/**
 * What partners themselves published (their current publications), in US cents per (initiative, year of value date): their
 * imported IATI transactions of type 12 (announced), 2 (committed), 3 and 4 (disbursed).
 * Values without a rate are counted apart, as they have no USD value to compare.
 */
export function publishedTotals(db: Kysely<Database>, partnerIds: string[] | null) {
  return db
    .selectFrom("iati_transactions as t")
    .innerJoin("iati_activities as a", "a.id", "t.activity_id")
    .innerJoin("iati_publications as p", "p.id", "a.publication_id")
    .select([
      "p.partner_id",
      "p.publisher_ref",
      "a.initiative_id",
      sql<number>`extract(year from t.value_date)::int`.as("year"),
      sql<string>`coalesce(sum(t.usd_minor) filter (where t.type_code = 12), 0)`.as("announced"),
      sql<string>`coalesce(sum(t.usd_minor) filter (where t.type_code = 2), 0)`.as("committed"),
      sql<string>`coalesce(sum(t.usd_minor) filter (where t.type_code in (3, 4)), 0)`.as(
        "disbursed",
      ),
      sql<number>`(count(*) filter (where t.usd_minor is null))::int`.as("unvalued"),
    ])
    .where("p.state", "=", "current")
    .$narrowType<{ partner_id: string }>()
    .where("t.type_code", "in", [12, 2, 3, 4])
    .$if(partnerIds !== null, (q) => q.where("p.partner_id", "in", partnerIds ?? []))
    .groupBy([
      "p.partner_id",
      "p.publisher_ref",
      "a.initiative_id",
      sql`extract(year from t.value_date)`,
    ])
    .execute();
}

export function publishers(db: Kysely<Database>) {
  return db
    .selectFrom("iati_publications as p")
    .innerJoin("organizations as o", "o.id", "p.partner_id")
    .select(["p.partner_id", "p.publisher_ref", "o.code", "o.name_es", "o.name_en"])
    .where("p.state", "=", "current")
    .$narrowType<{ partner_id: string }>()
    .orderBy("o.code")
    .execute();
}

export function initiativeCodes(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("initiatives").select(["id", "code"]).where("id", "in", ids).execute();
}
