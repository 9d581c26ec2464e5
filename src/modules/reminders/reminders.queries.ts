import { type Kysely, sql } from "kysely";
import type { ReminderRule } from "../../contracts/reminders.ts";
import type { Database } from "../../platform/db/schema.ts";

/** The organizations items name, by id. */
export function findOrganizationNames(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("organizations")
    .select(["id", "code", "name_es", "name_en"])
    .where("id", "in", ids)
    .execute();
}

export function insertRun(
  db: Kysely<Database>,
  run: {
    trigger: "schedule" | "manual";
    job_id: string | null;
    started_by: string;
    as_of: string;
    pledge_months: number;
    commitment_months: number;
  },
) {
  return db.insertInto("reminder_runs").values(run).returningAll().executeTakeFirstOrThrow();
}

/** A run's snapshot, in chunks (one statement holds at most 65 535 parameters). */
export async function insertRunItems(
  db: Kysely<Database>,
  runId: string,
  items: { key: string; rule: ReminderRule; organization_id: string | null; since: string }[],
) {
  for (let start = 0; start < items.length; start += 2000) {
    const chunk = items.slice(start, start + 2000);
    await db
      .insertInto("reminder_run_items")
      .values(
        chunk.map((i) => ({
          run_id: runId,
          item_key: i.key,
          rule: i.rule,
          organization_id: i.organization_id,
          since: i.since,
        })),
      )
      .execute();
  }
}

export function finishRun(
  db: Kysely<Database>,
  id: string,
  counts: { item_count: number; new_count: number; digests_sent: number },
) {
  return db
    .updateTable("reminder_runs")
    .set({ ...counts, finished_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The latest finished run before `runId`, if any. */
export function findPreviousRun(db: Kysely<Database>, runId: string) {
  return db
    .selectFrom("reminder_runs")
    .select(["id"])
    .where("id", "<>", runId)
    .where("finished_at", "is not", null)
    .orderBy("started_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function findRunItemKeys(db: Kysely<Database>, runId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("reminder_run_items")
    .select("item_key")
    .where("run_id", "=", runId)
    .execute();
  return new Set(rows.map((r) => r.item_key));
}

/** Each user's last digest: the run it listed. */
export async function findLastDigestRuns(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("reminder_digests")
    .select(["user_id", "run_id"])
    .distinctOn("user_id")
    .orderBy("user_id")
    .orderBy("sent_at", "desc")
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.run_id]));
}

export function insertDigest(
  db: Kysely<Database>,
  digest: {
    user_id: string;
    run_id: string;
    language: "es" | "en";
    item_count: number;
    new_count: number;
    message_id: string | null;
  },
) {
  return db.insertInto("reminder_digests").values(digest).execute();
}

export function listRuns(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom("reminder_runs")
    .selectAll()
    .orderBy("started_at", "desc")
    .limit(limit)
    .execute();
}

/**
 * Drops the snapshots no digest will compare against again: those of runs older than the
 * latest two that are no user's last digest. The runs themselves stay (the check's history).
 */
export function pruneRunItems(db: Kysely<Database>) {
  return sql`
    delete from reminder_run_items i
    where i.run_id not in (
        select r.id from reminder_runs r order by r.started_at desc limit 2)
      and i.run_id not in (
        select distinct on (d.user_id) d.run_id from reminder_digests d
        order by d.user_id, d.sent_at desc)
  `.execute(db);
}
