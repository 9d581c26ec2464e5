import type { Kysely } from "kysely";
import type { ReminderRun } from "../../contracts/reminders.ts";
import type { ReminderThresholds } from "../../platform/config.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { Mailer } from "../../platform/mail.ts";
import { findOpenItems } from "./find-open-items.ts";
import {
  findPreviousRun,
  findRunItemKeys,
  finishRun,
  insertRun,
  insertRunItems,
  pruneRunItems,
} from "./reminders.queries.ts";
import { type DigestLog, sendDigests } from "./send-digests.ts";
import { toRun } from "./to-run.ts";

export interface ReminderCheckOptions {
  db: Kysely<Database>;
  thresholds: ReminderThresholds;
  trigger: "schedule" | "manual";
  /** The scheduler's id of the occurrence, for a scheduled run. */
  jobId?: string | null;
  startedBy: string;
  /** Digests go out only with a mailer (SMTP_URL set). */
  mailer: Mailer | null;
  /** Where links in e-mail point. */
  publicUrl: string;
  asOf?: string;
  log: DigestLog;
}

/**
 * One run of the check: every open item computed, kept as the run's snapshot (what digests
 * compare against: new since a user's last one), then the digests sent when there is a mailer;
 * snapshots nothing will compare against again are dropped.
 */
export async function runReminderCheck(options: ReminderCheckOptions): Promise<ReminderRun> {
  const { db } = options;
  const { asOf, items } = await findOpenItems({
    db,
    thresholds: options.thresholds,
    ...(options.asOf && { asOf: options.asOf }),
  });
  const run = await db.transaction().execute(async (trx) => {
    const created = await insertRun(trx, {
      trigger: options.trigger,
      job_id: options.jobId ?? null,
      started_by: options.startedBy,
      as_of: asOf,
      pledge_months: options.thresholds.pledgeMonths,
      commitment_months: options.thresholds.commitmentMonths,
    });
    await insertRunItems(
      trx,
      created.id,
      items.map((i) => ({
        key: i.key,
        rule: i.rule,
        organization_id: i.organization?.id ?? null,
        since: i.since,
      })),
    );
    return created;
  });
  const previous = await findPreviousRun(db, run.id);
  const before = previous ? await findRunItemKeys(db, previous.id) : new Set<string>();
  const newCount = items.filter((i) => !before.has(i.key)).length;
  const digestsSent = options.mailer
    ? await sendDigests({
        db,
        mailer: options.mailer,
        runId: run.id,
        items,
        asOf,
        publicUrl: options.publicUrl,
        log: options.log,
      })
    : 0;
  const finished = await finishRun(db, run.id, {
    item_count: items.length,
    new_count: newCount,
    digests_sent: digestsSent,
  });
  await pruneRunItems(db);
  return toRun(finished);
}
