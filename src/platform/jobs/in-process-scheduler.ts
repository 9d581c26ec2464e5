import { parseCron } from "./cron.ts";
import type { JobHandler, Scheduler, SchedulerLog } from "./scheduler.ts";

/** setTimeout takes at most 2^31 − 1 ms (about 24.8 days); longer waits are re-armed. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The embedded database's scheduler: a timer per job, armed for the next occurrence. A run
 * still going when the next one comes due is not started twice; the occurrence is skipped
 * and logged.
 */
export function createInProcessScheduler(
  log: SchedulerLog,
  now: () => Date = () => new Date(),
): Scheduler {
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  return {
    kind: "in-process",
    async schedule(name: string, cron: string, handler: JobHandler) {
      const parsed = parseCron(cron);
      if ("problem" in parsed) throw new Error(`schedule of ${name}: ${parsed.problem}`);
      let busy = false;
      const arm = (due: Date) => {
        if (stopped) return;
        const wait = Math.min(Math.max(due.getTime() - now().getTime(), 0), MAX_TIMEOUT_MS);
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (now().getTime() < due.getTime()) return arm(due);
          arm(parsed.nextAfter(due));
          if (busy) return log.warn(`${name}: the previous run is still going; skipped`);
          busy = true;
          const run = handler({ id: `${name}@${due.toISOString()}` })
            .catch((error: unknown) => log.error(`${name} failed: ${String(error)}`))
            .finally(() => {
              busy = false;
              running.delete(run);
            });
          running.add(run);
        }, wait);
        timer.unref();
        timers.add(timer);
      };
      arm(parsed.nextAfter(now()));
      log.info(`${name} scheduled in process (${cron}, UTC)`);
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
