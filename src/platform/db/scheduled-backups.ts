import { join } from "node:path";
import type { Kysely } from "kysely";
import type { Scheduler, SchedulerLog } from "../jobs/scheduler.ts";
import { backupToFile, pruneBackups, scheduledBackupName } from "./backup-file.ts";
import type { Database } from "./schema.ts";

export interface ScheduledBackupSettings {
  /** Five-field cron, UTC. */
  schedule: string;
  dir: string;
  keepDays: number;
}

/**
 * The embedded database's scheduled backups: at each occurrence a gzip backup named by its
 * time goes into `dir`, and those older than `keepDays` are removed (never the newest). The
 * embedded database does not fsync, so these copies are what a crash of the machine leaves;
 * production belongs on PostgreSQL (see the README).
 */
export async function scheduleBackups(options: {
  scheduler: Scheduler;
  db: Kysely<Database>;
  backend: string;
  settings: ScheduledBackupSettings;
  log: SchedulerLog;
  now?: () => Date;
}): Promise<void> {
  const { settings, log } = options;
  const now = options.now ?? (() => new Date());
  await options.scheduler.schedule("backup", settings.schedule, async () => {
    const path = join(settings.dir, scheduledBackupName(now()));
    try {
      const result = await backupToFile(options.db, options.backend, path);
      const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
      const removed = pruneBackups(settings.dir, settings.keepDays, now());
      log.info(
        `backup written to ${path} (${rows} rows)${removed.length ? `; removed ${removed.join(", ")}` : ""}`,
      );
    } catch (error) {
      log.error(`backup to ${path} failed: ${(error as Error).message ?? String(error)}`);
    }
  });
}
