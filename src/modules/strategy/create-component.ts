import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { insertComponentRow, toComponent } from "./strategy.queries.ts";
import type { Component, CreateComponentInput } from "./strategy.schema.ts";

export async function createComponent(options: {
  db: Kysely<Database>;
  input: CreateComponentInput;
}): Promise<Component> {
  const { db, input } = options;
  const row = await insertComponentRow(db, {
    code: input.code,
    name_es: input.name.es,
    name_en: input.name.en,
    description_es: input.description?.es ?? null,
    description_en: input.description?.en ?? null,
  });
  return toComponent(row, []);
}
