import type { Kysely } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";

/** Published initiatives, with what their IATI activity needs, in code order. */
export function publishedInitiatives(db: Kysely<Database>) {
  return db
    .selectFrom("initiatives as i")
    .leftJoin("organizations as agency", "agency.id", "i.executing_agency_id")
    .leftJoin("organizations as lead", (join) =>
      join.onRef("lead.country_iso2", "=", "i.lead_country").on("lead.kind", "=", "member_state"),
    )
    .select([
      "i.id",
      "i.code",
      "i.title_es",
      "i.title_en",
      "i.summary_es",
      "i.summary_en",
      "i.status",
      "i.lead_country",
      "i.start_date",
      "i.end_date",
      "i.budget_amount_minor",
      "i.budget_currency",
      "i.budget_value_date",
      "i.budget_usd_minor",
      "i.updated_at",
      "agency.name_es as agency_name_es",
      "agency.name_en as agency_name_en",
      "agency.iati_org_id as agency_ref",
      "lead.name_es as lead_name_es",
      "lead.name_en as lead_name_en",
      "lead.iati_org_id as lead_ref",
    ])
    .where("i.published_at", "is not", null)
    .orderBy("i.code")
    .execute();
}
export type PublishedInitiative = Awaited<ReturnType<typeof publishedInitiatives>>[number];

/** The standing ledger entries of those initiatives: not reversed, not reversals, with a value. */
export function standingFlows(db: Kysely<Database>, initiativeIds: string[]) {
  if (initiativeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("support_flows as f")
    .innerJoin("organizations as p", "p.id", "f.partner_id")
    .leftJoin("support_flows as r", "r.reverses_id", "f.id")
    .select([
      "f.id",
      "f.initiative_id",
      "f.flow_type",
      "f.amount_minor",
      "f.currency",
      "f.value_date",
      "f.description",
      "f.finance_type",
      "p.name_es",
      "p.name_en",
      "p.iati_org_id",
    ])
    .where("f.initiative_id", "in", initiativeIds)
    .where("f.reverses_id", "is", null)
    .where("r.id", "is", null)
    .where("f.amount_minor", "is not", null)
    .where("f.flow_type", "in", ["pledge", "commitment", "disbursement"])
    .orderBy("f.value_date")
    .orderBy("f.seq")
    .execute();
}
export type StandingFlow = Awaited<ReturnType<typeof standingFlows>>[number];

export function initiativeLists(db: Kysely<Database>, initiativeIds: string[]) {
  if (initiativeIds.length === 0) return Promise.resolve({ countries: [], sectors: [] });
  return Promise.all([
    db
      .selectFrom("initiative_countries")
      .selectAll()
      .where("initiative_id", "in", initiativeIds)
      .orderBy("country_iso2")
      .execute(),
    db
      .selectFrom("initiative_sectors")
      .selectAll()
      .where("initiative_id", "in", initiativeIds)
      .orderBy("dac_code")
      .execute(),
  ]).then(([countries, sectors]) => ({ countries, sectors }));
}
