import type { Kysely } from "kysely";
import type { Config } from "../platform/config.ts";
import { readDataDirLock } from "../platform/db/data-dir-lock.ts";
import { migrateToLatest } from "../platform/db/migrate.ts";
import { openConfiguredDatabase } from "../platform/db/open.ts";
import type { Database } from "../platform/db/schema.ts";
import { AppError, type ErrorCode } from "../platform/errors.ts";

export interface ServerClient {
  url: string;
  send<T>(method: string, path: string, body?: string, contentType?: string): Promise<T>;
}

/**
 * The embedded data folder may be open in a running server. Rather than open it a second
 * time (which can corrupt it), a command that has an API equivalent goes through that
 * server; otherwise it opens the database itself.
 */
export async function withDatabaseOrServer<T>(
  config: Config,
  command: string,
  ways: {
    local: (db: Kysely<Database>) => Promise<T>;
    remote: (client: ServerClient) => Promise<T>;
  },
): Promise<T> {
  const holder = config.databaseUrl ? null : readDataDirLock(config.dataDir);
  if (holder?.url) return ways.remote(serverClient(holder.url));
  const database = await openConfiguredDatabase(config, command);
  try {
    await migrateToLatest(database.db);
    return await ways.local(database.db);
  } finally {
    await database.close();
  }
}

function serverClient(url: string): ServerClient {
  return {
    url,
    async send<T>(method: string, path: string, body?: string, contentType?: string) {
      let response: Response;
      try {
        response = await fetch(`${url}${path}`, {
          method,
          ...(body !== undefined && {
            body,
            headers: { "content-type": contentType ?? "application/json", "x-actor": "esca-cli" },
          }),
        });
      } catch (error) {
        throw new AppError(
          "data_dir_in_use",
          `The data folder is held by the server at ${url}, which does not answer (${(error as Error).message}).`,
        );
      }
      const payload = (await response.json().catch(() => null)) as {
        error?: { code: ErrorCode; message: string };
      } | null;
      if (!response.ok) {
        throw new AppError(
          payload?.error?.code ?? "internal",
          payload?.error?.message ?? `The server at ${url} answered ${response.status}.`,
        );
      }
      return payload as T;
    },
  };
}
