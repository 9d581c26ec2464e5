import { type Kysely, sql } from "kysely";
import { containsPattern } from "../../../platform/db/query-helpers.ts";
import type { Database } from "../../../platform/db/schema.ts";
import type { ListImportedActivitiesQuery } from "./imported-activity.schema.ts";

type LinkSource = "mapping" | "related-activity" | "other-identifier";

/** Partners' imported activities and the initiative each is linked to, by publisher and identifier. */
export async function findImportedActivities(options: {
  db: Kysely<Database>;
  query: ListImportedActivitiesQuery;
}) {
  const { query } = options;
  let base = options.db
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
  const [rows, count] = await Promise.all([
    base
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
      .orderBy("a.iati_identifier")
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    data: rows.map((row) => ({
      iati_identifier: row.iati_identifier,
      publisher_ref: row.publisher_ref,
      title: { es: row.title_es, en: row.title_en },
      line: row.line,
      transaction_count: row.transaction_count,
      initiative:
        row.initiative_id && row.initiative_code
          ? { id: row.initiative_id, code: row.initiative_code }
          : null,
      link_source: row.link_source as LinkSource | null,
    })),
    page: { total: Number(count.n), limit: query.limit, offset: query.offset },
  };
}
