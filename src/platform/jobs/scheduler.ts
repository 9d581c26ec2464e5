/**
 * Scheduled work: on the embedded database an in-process timer (one process holds the data
 * folder, so it runs once by construction); on PostgreSQL a job queue in the same database
 * (pg-boss), so that with several server instances each occurrence runs on one of them only.
 */
export interface Occurrence {
  /** The scheduler's id for this run: pg-boss's job id, or the in-process slot's time. */
  id: string;
}

export type JobHandler = (occurrence: Occurrence) => Promise<void>;

export interface Scheduler {
  readonly kind: "in-process" | "pg-boss";
  /** Runs `handler` on every occurrence of `cron` (five fields, UTC) until stop(). */
  schedule(name: string, cron: string, handler: JobHandler): Promise<void>;
  /** Stops the timers and waits for a run in progress to end. */
  stop(): Promise<void>;
}

export interface SchedulerLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
