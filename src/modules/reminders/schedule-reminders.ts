import type { Kysely } from "kysely";
import type { ReminderSettings } from "../../platform/config.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { Scheduler, SchedulerLog } from "../../platform/jobs/scheduler.ts";
import type { Mailer } from "../../platform/mail.ts";
import { runWithContext, systemContext } from "../../platform/request-context.ts";
import { runReminderCheck } from "./run-reminder-check.ts";

export const REMINDER_JOB = "reminder-check";

/** Registers the reminder check on the scheduler, on its configured cron (UTC). */
export function scheduleReminderCheck(options: {
  scheduler: Scheduler;
  db: Kysely<Database>;
  settings: ReminderSettings;
  mailer: Mailer | null;
  publicUrl: string;
  log: SchedulerLog;
}): Promise<void> {
  const actor = `scheduler (${options.scheduler.kind})`;
  return options.scheduler.schedule(REMINDER_JOB, options.settings.schedule, async (occurrence) => {
    // The audit trail names the scheduler as the actor of the run's rows.
    const run = await runWithContext(systemContext(actor), () =>
      runReminderCheck({
        db: options.db,
        thresholds: options.settings,
        trigger: "schedule",
        jobId: occurrence.id,
        startedBy: actor,
        mailer: options.mailer,
        publicUrl: options.publicUrl,
        log: options.log,
      }),
    );
    options.log.info(
      `reminder check: ${run.item_count} open items, ${run.new_count} new, ${run.digests_sent} digests sent`,
    );
  });
}
