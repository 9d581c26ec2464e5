import type { Insertable, Kysely, Selectable } from "kysely";
import { readPage } from "../../platform/db/paging.ts";
import { isUuid } from "../../platform/db/query-helpers.ts";
import type { ConferencesTable, Database } from "../../platform/db/schema.ts";
import type { Conference, ListConferencesQuery } from "./conferences.schema.ts";

export type ConferenceRow = Selectable<ConferencesTable>;

/** A conference is addressed by its uuid or its code ("GUA-2011"). */
export function findConferenceRow(db: Kysely<Database>, idOrCode: string) {
  const query = db.selectFrom("conferences").selectAll();
  return (
    isUuid(idOrCode)
      ? query.where("id", "=", idOrCode)
      : query.where("code", "=", idOrCode.toUpperCase())
  ).executeTakeFirst();
}

export async function listConferenceRows(db: Kysely<Database>, query: ListConferencesQuery) {
  const base = db.selectFrom("conferences");
  return readPage(
    {
      rows: base.selectAll().orderBy(query.sort.field, query.sort.direction).orderBy("id"),
      count: base,
    },
    query,
  );
}

export function toConference(row: ConferenceRow): Conference {
  return {
    id: row.id,
    code: row.code,
    name: { es: row.name_es, en: row.name_en },
    city: row.city,
    country: row.country_iso2,
    start_date: row.start_date,
    end_date: row.end_date,
    source: row.source,
    version: row.version,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function insertConferenceRow(db: Kysely<Database>, values: Insertable<ConferencesTable>) {
  return db.insertInto("conferences").values(values).returningAll().executeTakeFirstOrThrow();
}
