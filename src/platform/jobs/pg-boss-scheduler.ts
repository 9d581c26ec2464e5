import { PgBoss } from "pg-boss";
import { parseCron } from "./cron.ts";
import type { JobHandler, Scheduler, SchedulerLog } from "./scheduler.ts";

export interface PgBossSchedulerOptions {
  connectionString: string;
  log: SchedulerLog;
  /** How often each instance looks for due schedules (pg-boss: 1–45 s, default 30). */
  cronMonitorIntervalSeconds?: number;
  /** How often a worker polls for its queue's jobs (default 2 s). */
  pollingIntervalSeconds?: number;
}

/**
 * PostgreSQL's scheduler: pg-boss in its own schema (`pgboss`) of the same database. Every
 * instance registers the same schedule; pg-boss files each occurrence once (a singleton per
 * slot), and the job is fetched by one worker (SKIP LOCKED), so with several instances a run
 * happens once.
 */
export async function createPgBossScheduler(options: PgBossSchedulerOptions): Promise<Scheduler> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: "pgboss",
    max: 3,
    ...(options.cronMonitorIntervalSeconds && {
      cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds,
      cronWorkerIntervalSeconds: options.cronMonitorIntervalSeconds,
    }),
  });
  boss.on("error", (error: unknown) => options.log.error(`job queue: ${String(error)}`));
  await boss.start();
  return {
    kind: "pg-boss",
    async schedule(name: string, cron: string, handler: JobHandler) {
      const parsed = parseCron(cron);
      if ("problem" in parsed) throw new Error(`schedule of ${name}: ${parsed.problem}`);
      await boss.createQueue(name);
      await boss.schedule(name, cron, null, { tz: "UTC" });
      await boss.work(
        name,
        { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async (jobs) => {
          for (const job of jobs) await handler({ id: job.id });
        },
      );
      options.log.info(`${name} scheduled on the job queue (${cron}, UTC)`);
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 30_000 });
    },
  };
}
