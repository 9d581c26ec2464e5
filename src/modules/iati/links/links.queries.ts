import { type Kysely, sql } from "kysely";
import { readPage } from "../../../platform/db/paging.ts";
import { containsPattern } from "../../../platform/db/query-helpers.ts";
import type { Database } from "../../../platform/db/schema.ts";
import type { ListImportedActivitiesQuery } from "./imported-activity.schema.ts";
import type { LinkSource, MatcherRows } from "./initiative-matcher.ts";

/** What matching needs: published initiatives and the secretariat's mapping. */
export async function loadMatcherRows(
  db: Kysely<Database>,
  reportingOrgRef: string,
): Promise<MatcherRows> {
  const [initiatives, links] = await Promise.all([
    // A file's own references find published initiatives only: a partner's import must not
    // tell it that a draft's code exists. The secretariat's mapping may name any initiative.
    db
      .selectFrom("initiatives")
      .select(["id", "code"])
      .where("published_at", "is not", null)
      .execute(),
    db.selectFrom("iati_activity_links").select(["iati_identifier", "initiative_id"]).execute(),
  ]);
  return { reportingOrgRef, initiatives, links };
}

/** The secretariat's mapping, by activity identifier, with each initiative's code. */
export function listActivityLinks(db: Kysely<Database>) {
  return db
    .selectFrom("iati_activity_links as l")
    .innerJoin("initiatives as i", "i.id", "l.initiative_id")
    .select([
      "l.iati_identifier",
      "l.initiative_id",
      "i.code as initiative_code",
      "l.created_by",
      "l.created_at",
    ])
    .orderBy("l.iati_identifier")
    .execute();
}

export async function deleteActivityLink(db: Kysely<Database>, identifier: string): Promise<void> {
  await db.deleteFrom("iati_activity_links").where("iati_identifier", "=", identifier).execute();
}

export async function insertActivityLink(
  db: Kysely<Database>,
  link: { iati_identifier: string; initiative_id: string; created_by: string },
): Promise<void> {
  await db.insertInto("iati_activity_links").values(link).execute();
}

/** Current publications' activities with this identifier, with their publisher and its kind. */
export function findCurrentActivitiesByIdentifier(db: Kysely<Database>, identifier: string) {
  return (
    db
      .selectFrom("iati_activities as a")
      .innerJoin("iati_publications as p", "p.id", "a.publication_id")
      .innerJoin("organizations as o", "o.id", "p.partner_id")
      .select([
        "a.id",
        "a.iati_identifier",
        "a.related_activities",
        "a.other_identifiers",
        "p.publisher_ref",
        "p.partner_id",
        "o.kind",
      ])
      .where("a.iati_identifier", "=", identifier)
      // An import's staging rows are relinked at its switch (staged-links.ts).
      .where("p.state", "=", "current")
      .$narrowType<{ partner_id: string }>()
      .execute()
  );
}

/** One publication's activities with what they are matched by and what they link to. */
export function findPublicationActivityRefs(db: Kysely<Database>, publicationId: string) {
  return db
    .selectFrom("iati_activities")
    .select([
      "id",
      "iati_identifier",
      "related_activities",
      "other_identifiers",
      "initiative_id",
      "link_source",
    ])
    .where("publication_id", "=", publicationId)
    .execute();
}

/** An imported activity's initiative and how it was found (both null: not linked). */
export async function setActivityInitiative(
  db: Kysely<Database>,
  activityId: string,
  link: { initiativeId: string; source: LinkSource } | null,
): Promise<void> {
  await db
    .updateTable("iati_activities")
    .set({ initiative_id: link?.initiativeId ?? null, link_source: link?.source ?? null })
    .where("id", "=", activityId)
    .execute();
}

/** A page of current publications' activities, with the initiative each links to, and the total. */
export function listImportedActivities(db: Kysely<Database>, query: ListImportedActivitiesQuery) {
  let base = db
    .selectFrom("iati_activities as a")
    .innerJoin("iati_publications as p", "p.id", "a.publication_id")
    .leftJoin("initiatives as i", "i.id", "a.initiative_id")
    .where("p.state", "=", "current");
  if (query.q) {
    const pattern = containsPattern(query.q);
    base = base.where((eb) =>
      eb.or([
        eb("a.iati_identifier", "ilike", pattern),
        eb("a.title_en", "ilike", pattern),
        eb("a.title_es", "ilike", pattern),
        eb("p.publisher_ref", "ilike", pattern),
      ]),
    );
  }
  if (query.linked !== undefined)
    base = base.where("a.initiative_id", query.linked ? "is not" : "is", null);
  return readPage(
    {
      rows: base
        .select([
          "a.iati_identifier",
          "p.publisher_ref",
          "a.title_es",
          "a.title_en",
          "a.line",
          "a.initiative_id",
          "i.code as initiative_code",
          "a.link_source",
          sql<number>`(select count(*)::int from iati_transactions t where t.activity_id = a.id)`.as(
            "transaction_count",
          ),
        ])
        .orderBy("p.publisher_ref")
        .orderBy("a.iati_identifier"),
      count: base,
    },
    query,
  );
}
