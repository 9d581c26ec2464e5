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

export async function updateResolutionRow(
  db: Kysely<Database>,
  id: string,
  values: Omit<Insertable<ResolutionsTable>, "id" | "symbol" | "created_at">,
) {
  await db.updateTable("resolutions").set(values).where("id", "=", id).execute();
}

/** Adds the periods that are new and rewrites the labels and dates of those that stay. */
export async function upsertPeriodRows(
  db: Kysely<Database>,
  rows: Insertable<ResolutionPeriodsTable>[],
) {
  await db
    .insertInto("resolution_periods")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["resolution_id", "code"]).doUpdateSet((eb) => ({
        label_es: eb.ref("excluded.label_es"),
        label_en: eb.ref("excluded.label_en"),
        starts_on: eb.ref("excluded.starts_on"),
        ends_on: eb.ref("excluded.ends_on"),
      })),
    )
    .execute();
}

export async function deletePeriodRows(
  db: Kysely<Database>,
  resolutionId: string,
  codes: string[],
) {
  if (codes.length === 0) return;
  await db
    .deleteFrom("resolution_periods")
    .where("resolution_id", "=", resolutionId)
    .where("code", "in", codes)
    .execute();
}

export async function updateMandateRow(
  db: Kysely<Database>,
  id: string,
  values: Omit<Insertable<MandatesTable>, "id" | "resolution_id" | "paragraph">,
) {
  await db.updateTable("mandates").set(values).where("id", "=", id).execute();
}

export async function deleteMandateRows(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return;
  await db.deleteFrom("mandates").where("id", "in", ids).execute();
}

/**
 * What the follow-up has recorded on some paragraphs of a resolution: statuses, evidence,
 * initiatives linked, support requests citing them. A paragraph with any is never deleted.
 */
export function countParagraphUses(
  db: Kysely<Database>,
  symbol: string,
  mandates: { id: string; paragraph: number }[],
) {
  if (mandates.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("mandates as m")
    .select((eb) => [
      "m.paragraph",
      eb
        .selectFrom("mandate_statuses as s")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("s.mandate_id", "=", "m.id")
        .as("statuses"),
      eb
        .selectFrom("mandate_evidence as e")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("e.mandate_id", "=", "m.id")
        .as("evidence"),
      eb
        .selectFrom("mandate_initiatives as l")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("l.mandate_id", "=", "m.id")
        .as("initiatives"),
      eb
        .selectFrom("support_requests as r")
        .select(eb.fn.countAll<string>().as("n"))
        .where("r.resolution_symbol", "=", symbol)
        .whereRef("r.paragraph", "=", "m.paragraph")
        .as("requests"),
    ])
    .where(
      "m.id",
      "in",
      mandates.map((mandate) => mandate.id),
    )
    .orderBy("m.paragraph")
    .execute();
}

/** Statuses and evidence recorded in some reporting periods of a resolution. */
export function countPeriodUses(db: Kysely<Database>, resolutionId: string, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("resolution_periods as p")
    .select((eb) => [
      "p.code",
      eb
        .selectFrom("mandate_statuses as s")
        .innerJoin("mandates as m", "m.id", "s.mandate_id")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("m.resolution_id", "=", "p.resolution_id")
        .whereRef("s.period_code", "=", "p.code")
        .as("statuses"),
      eb
        .selectFrom("mandate_evidence as e")
        .innerJoin("mandates as m", "m.id", "e.mandate_id")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("m.resolution_id", "=", "p.resolution_id")
        .whereRef("e.period_code", "=", "p.code")
        .as("evidence"),
    ])
    .where("p.resolution_id", "=", resolutionId)
    .where("p.code", "in", codes)
    .orderBy("p.code")
    .execute();
}
