import { join } from "node:path";
import type { Config } from "../config.ts";
import { type DatabaseHandle, openEmbedded, openPostgres } from "./connect.ts";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.ts";

export interface OpenedDatabase extends DatabaseHandle {
  /** Present on the embedded backend: the lock this process holds on the data folder. */
  lock?: DataDirLock;
}

/**
 * Opens the database the configuration names: PostgreSQL when DATABASE_URL is set,
 * otherwise the embedded PGlite in `<data dir>/pglite`, guarded by the folder lock.
 */
export async function openConfiguredDatabase(
  config: Config,
  command: string,
): Promise<OpenedDatabase> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const lock = acquireDataDirLock(config.dataDir, command);
  try {
    const handle = await openEmbedded({ dataDir: join(config.dataDir, "pglite") });
    return {
      ...handle,
      lock,
      close: async () => {
        try {
          await handle.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
