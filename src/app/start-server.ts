import type { FastifyInstance } from "fastify";
import { isDatabaseEmpty, seedDemo } from "../modules/demo/index.ts";
import { warmStagingThread } from "../modules/iati/index.ts";
import { scheduleReminderCheck } from "../modules/reminders/index.ts";
import { failUnfinishedReportJobs, settleReportJobs } from "../modules/reports/index.ts";
import type { Config } from "../platform/config.ts";
import { migrateToLatest } from "../platform/db/migrate.ts";
import { type OpenedDatabase, openConfiguredDatabase } from "../platform/db/open.ts";
import type { ReplicaState } from "../platform/db/read-replica.ts";
import { scheduleBackups } from "../platform/db/scheduled-backups.ts";
import { type EventBus, openEventBus } from "../platform/events/index.ts";
import type { Scheduler } from "../platform/jobs/scheduler.ts";
import { startScheduler } from "../platform/jobs/start-scheduler.ts";
import { createMailer } from "../platform/mail.ts";
import { buildApp } from "./build-app.ts";

/** A report job takes seconds: one silent this long on PostgreSQL has no live server. */
const REPORT_JOB_STALE_MINUTES = 15;

export interface RunningServer {
  app: FastifyInstance;
  database: OpenedDatabase;
  url: string;
  /** The scheduler running the reminder check; null when ESCA_SCHEDULER=false. */
  scheduler: Scheduler | null;
  stop(): Promise<void>;
}

/**
 * Opens the database (locking the embedded data folder), applies migrations, loads the demo
 * data into an empty embedded database on its first start, and listens on HOST:PORT; then warms
 * up the thread IATI imports parse in, and starts the scheduler of the reminder check.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  // The replica's changes of state are logged once the app's logger exists.
  let logReplica: (state: ReplicaState) => void = () => undefined;
  const database = await openConfiguredDatabase(config, "serve", {
    readReplica: { onChange: (state) => logReplica(state) },
  });
  let events: EventBus | undefined;
  const mailer = createMailer(config.mail);
  let scheduler: Scheduler | null = null;
  try {
    await migrateToLatest(database.db);
    let seeded = false;
    if (
      database.backend === "pglite" &&
      config.demoOnEmptyEmbedded &&
      (await isDatabaseEmpty(database.db))
    ) {
      await seedDemo({ db: database.db });
      seeded = true;
    }
    // Before serving: on PGlite its LISTEN must not fall inside a request's transaction.
    events = await openEventBus(database);
    const bus = events;
    // Links in e-mail: ESCA_PUBLIC_URL, else this server's own address (known once listening).
    const mail = { mailer, publicUrl: config.mail.publicUrl ?? "" };
    // Report jobs a killed server left half made: all of them on the embedded database (this
    // process holds its folder alone), only silent ones on a PostgreSQL server other instances share.
    await failUnfinishedReportJobs(database.db, {
      staleMinutes: database.backend === "pglite" ? null : REPORT_JOB_STALE_MINUTES,
    });
    const app = await buildApp({
      ctx: {
        db: database.db,
        backend: database.backend,
        ...(database.replica
          ? {
              replica: database.replica,
              replicaMaxLagSeconds: config.readReplica?.maxLagSeconds ?? 0,
            }
          : {}),
        security: config.security,
        events: bus,
        reminders: config.reminders,
        mail,
      },
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
    });
    logReplica = (state) => {
      const lag = state.lagSeconds === null ? "" : `, ${state.lagSeconds} s behind`;
      const line = `read replica ${state.state}${lag}${state.problem ? `: ${state.problem}` : ""}`;
      if (state.state === "streaming") app.log.info(line);
      else app.log.warn(line);
    };
    if (database.replica) logReplica(database.replica.state());
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
    database.lock?.setUrl(url);
    mail.publicUrl ||= url;
    if (config.reminders.scheduler) {
      scheduler = await startScheduler({
        backend: database.backend,
        databaseUrl: config.databaseUrl,
        log: app.log,
        cronMonitorIntervalSeconds: config.reminders.cronMonitorSeconds,
      });
      await scheduleReminderCheck({
        scheduler,
        db: database.db,
        settings: config.reminders,
        mailer,
        publicUrl: mail.publicUrl,
        log: app.log,
      });
      // The embedded database's own copies; PostgreSQL is backed up by its own tools.
      if (database.backend === "pglite" && config.backups.schedule)
        await scheduleBackups({
          scheduler,
          db: database.db,
          backend: database.backend,
          settings: { ...config.backups, schedule: config.backups.schedule },
          log: app.log,
        });
    }
    app.log.info(
      `ESCA Hub serving ${url} on ${database.description}${seeded ? " (demo data loaded)" : ""}`,
    );
    // Its first IATI import then parses with compiled code, as every later one does.
    warmStagingThread().catch((error: unknown) =>
      app.log.warn(`IATI staging thread not warmed up: ${String(error)}`),
    );
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        // A run in progress ends before the database it writes to closes.
        await scheduler?.stop();
        await app.close();
        await settleReportJobs();
        await bus.close();
        mailer?.close();
        await database.close();
      })();
      return stopping;
    };
    return { app, database, url, scheduler, stop };
  } catch (error) {
    await scheduler?.stop();
    await events?.close();
    mailer?.close();
    await database.close();
    throw error;
  }
}
