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
    // A test database is thrown away at the end: its commits need not wait for the disk
    // (synchronous_commit off risks only the last commits on a crash of the server itself,
    // which no test causes; atomicity and every check are unchanged).
    await adminQuery(
      serverUrl,
      `create database ${name} template ${template}`,
      `alter database ${name} set synchronous_commit = off`,
    );
    const handle = await openPostgres(withDatabase(serverUrl, name), 25);
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
      },
    };
  }
  return openEmbedded({ loadDataDir: templateTarball(), sharedBuffers: "16MB" });
}

let template: { path: string; bytes: ArrayBuffer } | null = null;

/**
 * The migrated template as PGlite reads it: the file read once per test process (test files
 * share it), and handed over as bytes at once. PGlite asks its tarball for `type` and
 * `arrayBuffer()` alone, and Node's Blob gives a large one's bytes a chunk at a time (about
 * 0.3 s for the template). The bytes are only read: PGlite copies each file out of them.
 */
function templateTarball(): Blob {
  const path = inject("pgliteTemplate");
  if (template?.path !== path) {
    const file = readFileSync(path);
    template = {
      path,
      bytes: file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength),
    };
  }
  const bytes = template.bytes;
  return new (class extends Blob {
    override arrayBuffer() {
      return Promise.resolve(bytes);
    }
  })([], { type: "application/x-tar" });
}
