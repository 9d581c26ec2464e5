import type { Insertable, Kysely } from "kysely";
import type {
  Database,
  MandatesTable,
  ResolutionPeriodsTable,
  ResolutionsTable,
} from "../../platform/db/schema.ts";

export function findResolutionRow(db: Kysely<Database>, symbol: string) {
  return db.selectFrom("resolutions").selectAll().where("symbol", "=", symbol).executeTakeFirst();
}

export function insertResolutionRow(db: Kysely<Database>, values: Insertable<ResolutionsTable>) {
  return db.insertInto("resolutions").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertPeriodRows(
  db: Kysely<Database>,
  rows: Insertable<ResolutionPeriodsTable>[],
) {
  await db.insertInto("resolution_periods").values(rows).execute();
}

export function insertMandateRows(db: Kysely<Database>, rows: Insertable<MandatesTable>[]) {
  return db.insertInto("mandates").values(rows).returning(["id", "paragraph"]).execute();
}

export function listPeriodRows(db: Kysely<Database>, resolutionIds: string[]) {
  if (resolutionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("resolution_periods")
    .selectAll()
    .where("resolution_id", "in", resolutionIds)
    .orderBy("starts_on")
    .orderBy("code")
    .execute();
}

export function listMandateRowsOf(db: Kysely<Database>, resolutionId: string) {
  return db
    .selectFrom("mandates")
    .selectAll()
    .where("resolution_id", "=", resolutionId)
    .orderBy("paragraph")
    .execute();
}
