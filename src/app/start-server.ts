import type { FastifyInstance } from "fastify";
import { isDatabaseEmpty, seedDemo } from "../modules/demo/index.ts";
import { warmStagingThread } from "../modules/iati/index.ts";
import type { Config } from "../platform/config.ts";
import { migrateToLatest } from "../platform/db/migrate.ts";
import { type OpenedDatabase, openConfiguredDatabase } from "../platform/db/open.ts";
import { buildApp } from "./build-app.ts";

export interface RunningServer {
  app: FastifyInstance;
  database: OpenedDatabase;
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens the database (locking the embedded data folder), applies migrations, loads the demo
 * data into an empty embedded database on its first start, and listens on HOST:PORT; then warms
 * up the thread IATI imports parse in.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  const database = await openConfiguredDatabase(config, "serve");
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
    const app = await buildApp({
      ctx: { db: database.db, backend: database.backend, security: config.security },
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
    });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
    database.lock?.setUrl(url);
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
        await app.close();
        await database.close();
      })();
      return stopping;
    };
    return { app, database, url, stop };
  } catch (error) {
    await database.close();
    throw error;
  }
}
