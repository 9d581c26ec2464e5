import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { findConferenceRow, listConferenceRows, toConference } from "./conferences.queries.ts";
import type { Conference, ListConferencesQuery } from "./conferences.schema.ts";

export async function findConferences(options: {
  db: Kysely<Database>;
  query: ListConferencesQuery;
}) {
  const { rows, total } = await listConferenceRows(options.db, options.query);
  return {
    data: rows.map(toConference),
    page: { total, limit: options.query.limit, offset: options.query.offset },
  };
}

export async function getConference(options: {
  db: Kysely<Database>;
  idOrCode: string;
}): Promise<Conference> {
  const row = await findConferenceRow(options.db, options.idOrCode);
  if (!row) throw notFound("conference", options.idOrCode);
  return toConference(row);
}
