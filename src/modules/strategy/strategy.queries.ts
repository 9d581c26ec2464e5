import type { Insertable, Kysely, Selectable } from "kysely";
import { readPage } from "../../platform/db/paging.ts";
import { isUuid } from "../../platform/db/query-helpers.ts";
import type {
  Database,
  LinesOfActionTable,
  StrategyComponentsTable,
} from "../../platform/db/schema.ts";
import type {
  Component,
  LineOfAction,
  ListComponentsQuery,
  ListLinesOfActionQuery,
} from "./strategy.schema.ts";

export type ComponentRow = Selectable<StrategyComponentsTable>;
export type LineOfActionRow = Selectable<LinesOfActionTable> & { component_code: string };

/** A component is addressed by its uuid or its letter ("A", "b"). */
export function findComponentRow(db: Kysely<Database>, idOrCode: string) {
  const query = db.selectFrom("strategy_components").selectAll();
  return (
    isUuid(idOrCode)
      ? query.where("id", "=", idOrCode)
      : query.where("code", "=", idOrCode.toUpperCase())
  ).executeTakeFirst();
}

function linesWithComponentCode(db: Kysely<Database>) {
  return db
    .selectFrom("lines_of_action as l")
    .innerJoin("strategy_components as c", "c.id", "l.component_id")
    .selectAll("l")
    .select("c.code as component_code");
}

/** A line of action is addressed by its uuid or its code ("BA"). */
export function findLineOfActionRow(
  db: Kysely<Database>,
  idOrCode: string,
): Promise<LineOfActionRow | undefined> {
  const query = linesWithComponentCode(db);
  return (
    isUuid(idOrCode)
      ? query.where("l.id", "=", idOrCode)
      : query.where("l.code", "=", idOrCode.toUpperCase())
  ).executeTakeFirst();
}

export async function listComponentRows(db: Kysely<Database>, query: ListComponentsQuery) {
  const base = db.selectFrom("strategy_components");
  return readPage(
    {
      rows: base.selectAll().orderBy(query.sort.field, query.sort.direction).orderBy("id"),
      count: base,
    },
    query,
  );
}

export function linesOfComponents(db: Kysely<Database>, componentIds: string[]) {
  if (componentIds.length === 0) return Promise.resolve([]);
  return linesWithComponentCode(db)
    .where("l.component_id", "in", componentIds)
    .orderBy("l.code")
    .execute();
}

export async function listLineOfActionRows(
  db: Kysely<Database>,
  query: ListLinesOfActionQuery,
  componentId: string | undefined,
) {
  let base = db
    .selectFrom("lines_of_action as l")
    .innerJoin("strategy_components as c", "c.id", "l.component_id");
  if (componentId) base = base.where("l.component_id", "=", componentId);
  return readPage(
    {
      rows: base
        .selectAll("l")
        .select("c.code as component_code")
        .orderBy(`l.${query.sort.field}`, query.sort.direction)
        .orderBy("l.id"),
      count: base,
    },
    query,
  );
}

export function toLineOfAction(row: LineOfActionRow): LineOfAction {
  return {
    id: row.id,
    code: row.code,
    component: { id: row.component_id, code: row.component_code },
    name: { es: row.name_es, en: row.name_en },
    version: row.version,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function toComponent(row: ComponentRow, lines: LineOfActionRow[]): Component {
  return {
    id: row.id,
    code: row.code,
    name: { es: row.name_es, en: row.name_en },
    description: { es: row.description_es, en: row.description_en },
    lines_of_action: lines
      .filter((line) => line.component_id === row.id)
      .map((line) => {
        const { component: _, ...rest } = toLineOfAction(line);
        return rest;
      }),
    version: row.version,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function insertComponentRow(
  db: Kysely<Database>,
  values: Insertable<StrategyComponentsTable>,
) {
  return db
    .insertInto("strategy_components")
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Adds a line of action; its id. */
export async function insertLineOfActionRow(
  db: Kysely<Database>,
  values: Insertable<LinesOfActionTable>,
): Promise<string> {
  const { id } = await db
    .insertInto("lines_of_action")
    .values(values)
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}
