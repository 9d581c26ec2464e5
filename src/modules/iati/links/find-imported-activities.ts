import type { Kysely } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";
import type { ListImportedActivitiesQuery } from "./imported-activity.schema.ts";
import { listImportedActivities } from "./links.queries.ts";

/** Partners' imported activities and the initiative each is linked to, by publisher and identifier. */
export async function findImportedActivities(options: {
  db: Kysely<Database>;
  query: ListImportedActivitiesQuery;
}) {
  const { query } = options;
  const { rows, total } = await listImportedActivities(options.db, query);
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
      link_source: row.link_source,
    })),
    page: { total, limit: query.limit, offset: query.offset },
  };
}
