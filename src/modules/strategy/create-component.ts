import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { toComponent } from "./strategy.queries.ts";
import type { Component, CreateComponentInput } from "./strategy.schema.ts";

export async function createComponent(options: {
  db: Kysely<Database>;
  input: CreateComponentInput;
}): Promise<Component> {
  const { db, input } = options;
  const row = await db
    .insertInto("strategy_components")
    .values({
      code: input.code,
      name_es: input.name.es,
      name_en: input.name.en,
      description_es: input.description?.es ?? null,
      description_en: input.description?.en ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toComponent(row, []);
}
