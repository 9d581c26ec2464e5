import { join } from "node:path";
import type { Config } from "../config.ts";
import { type DatabaseHandle, openEmbedded, openPostgres, type ReplicaOptions } from "./connect.ts";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.ts";

export interface OpenedDatabase extends DatabaseHandle {
  /** Present on the embedded backend: the lock this process holds on the data folder. */
  lock?: DataDirLock;
}

/**
 * Opens the database the configuration names: PostgreSQL when DATABASE_URL is set,
 * otherwise the embedded PGlite in `<data dir>/pglite`, guarded by the folder lock. With
 * `readReplica` (the server), anonymous reads may go to DATABASE_READ_URL's replica.
 */
export async function openConfiguredDatabase(
  config: Config,
  command: string,
  options: { readReplica?: Pick<ReplicaOptions, "onChange"> } = {},
): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const replica =
      options.readReplica && config.readReplica
        ? { ...config.readReplica, ...options.readReplica }
        : undefined;
    return openPostgres(config.databaseUrl, 10, replica);
  }
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
