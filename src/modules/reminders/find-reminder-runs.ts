import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { listRuns } from "./reminders.queries.ts";
import { toRun } from "./to-run.ts";

/** The latest runs of the check, newest first. */
export async function findReminderRuns(options: { db: Kysely<Database>; limit: number }) {
  return { data: (await listRuns(options.db, options.limit)).map(toRun) };
}
