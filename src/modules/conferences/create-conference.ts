import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { insertConferenceRow, toConference } from "./conferences.queries.ts";
import type { Conference, CreateConferenceInput } from "./conferences.schema.ts";

export async function createConference(options: {
  db: Kysely<Database>;
  input: CreateConferenceInput;
}): Promise<Conference> {
  const { input } = options;
  const row = await insertConferenceRow(options.db, {
    code: input.code,
    name_es: input.name.es,
    name_en: input.name.en,
    city: input.city,
    country_iso2: input.country,
    start_date: input.start_date,
    end_date: input.end_date,
    source: input.source ?? null,
  });
  return toConference(row);
}
