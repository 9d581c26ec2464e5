import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { insertIndicatorRow, toIndicator } from "./indicators.queries.ts";
import type { CreateIndicatorInput, Indicator } from "./indicators.schema.ts";

export async function createIndicator(options: {
  db: Kysely<Database>;
  input: CreateIndicatorInput;
}): Promise<Indicator> {
  const { input } = options;
  const row = await insertIndicatorRow(options.db, {
    code: input.code,
    name_es: input.name.es,
    name_en: input.name.en,
    unit: input.unit,
    direction: input.direction,
    source: input.source ?? null,
    sdg_indicator: input.sdg_indicator ?? null,
  });
  return toIndicator(row);
}
