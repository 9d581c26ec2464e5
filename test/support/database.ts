import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { type DatabaseHandle, openEmbedded, openPostgres } from "../../src/platform/db/connect.ts";
import { adminQuery, withDatabase } from "./global-setup.ts";

/** Which backend this run's database suite uses. */
export const testBackend = process.env.ESCA_TEST_DATABASE_URL ? "postgres" : "pglite";

/**
 * A fresh, migrated, empty database for one test file (or one test): PGlite in memory from
 * the migrated tarball, or a new PostgreSQL database copied from the migrated template.
 * `close()` disposes of it.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.ESCA_TEST_DATABASE_URL;
  const template = inject("postgresTemplate");
  if (serverUrl && template) {
    const name = `${template.replace("esca_tpl_", "esca_t_")}_${randomBytes(4).toString("hex")}`;
    await adminQuery(serverUrl, `create database ${name} template ${template}`);
    const handle = await openPostgres(withDatabase(serverUrl, name), 25);
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const tarball = readFileSync(inject("pgliteTemplate"));
  return openEmbedded({ loadDataDir: new Blob([tarball]) });
}
