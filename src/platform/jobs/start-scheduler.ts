import type { Backend } from "../db/connect.ts";
import { createInProcessScheduler } from "./in-process-scheduler.ts";
import { createPgBossScheduler } from "./pg-boss-scheduler.ts";
import type { Scheduler, SchedulerLog } from "./scheduler.ts";

/**
 * The scheduler for the database in use: an in-process timer on the embedded database (its
 * data folder is locked to one process), pg-boss on PostgreSQL (any number of instances).
 */
export function startScheduler(options: {
  backend: Backend;
  databaseUrl: string | undefined;
  log: SchedulerLog;
  cronMonitorIntervalSeconds?: number;
}): Promise<Scheduler> {
  if (options.backend === "postgres" && options.databaseUrl)
    return createPgBossScheduler({
      connectionString: options.databaseUrl,
      log: options.log,
      ...(options.cronMonitorIntervalSeconds && {
        cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds,
      }),
    });
  return Promise.resolve(createInProcessScheduler(options.log));
}
