import { type Insertable, type Kysely, sql } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";
import type { RateRow } from "./rate-table.ts";

/** Serializes imports of one publisher (advisory lock, released with the transaction). */
export async function lockPublisher(db: Kysely<Database>, publisherRef: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(2627, hashtext(${publisherRef}))`.execute(db);
}

/** The publication a file's batches are written under, in state "staging": no reader sees it. */
export async function insertStagingPublication(
  db: Kysely<Database>,
  publication: Omit<Insertable<Database["iati_publications"]>, "state" | "staged_at">,
): Promise<void> {
  await db
    .insertInto("iati_publications")
    .values({ ...publication, state: "staging", staged_at: sql<Date>`now()` })
    .execute();
}

/**
 * A batch's rows pass through the row checks' transition tables (20261129140000_iati_import_
 * speed.sql): room for them in memory instead of temporary files, for this transaction.
 */
export async function giveBatchWorkMemory(trx: Kysely<Database>): Promise<void> {
  await sql`set local work_mem = '32MB'`.execute(trx);
}

/** A publication and, by cascade, its activities, transactions and budgets. */
export async function deletePublication(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("iati_publications").where("id", "=", id).execute();
}

/** The switch: a staging publication becomes current, with its partner and its counts. */
export async function makePublicationCurrent(
  db: Kysely<Database>,
  id: string,
  values: {
    partnerId: string;
    activities: number;
    transactions: number;
    budgets: number;
    skipped: number;
  },
): Promise<void> {
  await db
    .updateTable("iati_publications")
    .set({
      state: "current",
      staged_at: null,
      partner_id: values.partnerId,
      imported_at: sql<Date>`now()`,
      activity_count: values.activities,
      transaction_count: values.transactions,
      budget_count: values.budgets,
      skipped_count: values.skipped,
    })
    .where("id", "=", id)
    .execute();
}

/** Every current publication with how many of its activities are linked to initiatives. */
export function listCurrentPublications(db: Kysely<Database>) {
  return db
    .selectFrom("iati_publications as p")
    .select([
      "p.publisher_ref",
      "p.partner_id",
      "p.file_name",
      "p.file_sha256",
      "p.iati_version",
      "p.generated_datetime",
      "p.activity_count",
      "p.transaction_count",
      "p.budget_count",
      "p.skipped_count",
      "p.imported_by",
      "p.imported_at",
      sql<number>`(select count(*)::int from iati_activities a where a.publication_id = p.id and a.initiative_id is not null)`.as(
        "linked_count",
      ),
    ])
    .where("p.state", "=", "current")
    .$narrowType<{ partner_id: string }>()
    .orderBy("p.publisher_ref")
    .execute();
}

/** The organization that publishes in IATI under `ref`, when there is one. */
export function findPublisher(db: Kysely<Database>, ref: string) {
  return db
    .selectFrom("organizations")
    .select(["id", "kind"])
    .where("iati_org_id", "=", ref)
    .executeTakeFirst();
}

/** Whether an organization has this code already. */
export async function organizationCodeTaken(db: Kysely<Database>, code: string): Promise<boolean> {
  const row = await db
    .selectFrom("organizations")
    .select("id")
    .where("code", "=", code)
    .executeTakeFirst();
  return row !== undefined;
}

/** A publisher's new partner organization. */
export function insertPublisherOrganization(
  db: Kysely<Database>,
  organization: Pick<
    Insertable<Database["organizations"]>,
    "code" | "kind" | "name_es" | "name_en" | "iati_org_id"
  >,
) {
  return db
    .insertInto("organizations")
    .values(organization)
    .returning(["id", "kind"])
    .executeTakeFirstOrThrow();
}

/** The platform's stored rates, oldest first per currency. */
export function loadRateRows(db: Kysely<Database>): Promise<RateRow[]> {
  return db
    .selectFrom("exchange_rates")
    .select(["currency", "rate_date", "usd_per_unit"])
    .orderBy("currency")
    .orderBy("rate_date")
    .execute();
}
