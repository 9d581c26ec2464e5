import type { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openEmbedded } from "../../src/platform/db/connect.ts";
import { copyRows } from "../../src/platform/db/copy-rows.ts";
import { PGlitePool, pgliteCopyRoutes } from "../../src/platform/db/pglite-pool.ts";
import { installedVersion } from "./installed-version.ts";

/**
 * COPY to the embedded database writes its rows as a file in PGlite's in-memory file system
 * (`mod.FS`, not a documented PGlite API) and falls back to /dev/blob when a version no
 * longer exposes it. The fallback is correct but slow, and silent: these tests see it. They
 * open an embedded database of their own, so they run the same whichever backend the suite uses.
 */
describe("COPY to the embedded database as a file in its memory", () => {
  let handle: DatabaseHandle;
  let pglite: PGlite;
  beforeAll(async () => {
    handle = await openEmbedded();
    if (!handle.pglite) throw new Error("an embedded database has its PGlite");
    pglite = handle.pglite;
    await sql`create table copy_route (n int not null, t text)`.execute(handle.db);
  });
  afterAll(async () => handle.close());

  /** PGlite's file system, read the way pglite-pool.ts reads it. */
  const fileSystem = () =>
    (pglite as unknown as { mod?: { FS?: Record<string, unknown> } }).mod?.FS;

  it("finds the file system it writes to in the installed PGlite", () => {
    const version = installedVersion("@electric-sql/pglite");
    const files = fileSystem();
    expect(typeof files?.writeFile, `mod.FS.writeFile in PGlite ${version}`).toBe("function");
    expect(typeof files?.unlink, `mod.FS.unlink in PGlite ${version}`).toBe("function");
  });

  it("takes the memory-file route, not the blob, and leaves no file behind", async () => {
    const before = pgliteCopyRoutes();
    const lines = Array.from({ length: 500 }, (_, n) => `${n}\trow ${n}\n`).join("");
    await copyRows(handle.db, "copy_route", ["n", "t"], lines);
    const after = pgliteCopyRoutes();
    expect(after.memoryFile - before.memoryFile).toBe(1);
    expect(after.blob - before.blob).toBe(0);
    const { rows } = await sql<{ count: number; last: string }>`
      select count(*)::int as count, max(t) filter (where n = 499) as last from copy_route`.execute(
      handle.db,
    );
    expect(rows[0]).toEqual({ count: 500, last: "row 499" });
    const readdir = fileSystem()?.readdir as ((path: string) => string[]) | undefined;
    expect(readdir?.("/tmp").filter((name) => name.startsWith("esca-copy-"))).toEqual([]);
  });

  it("counts the blob route when the file system is not there, with the same rows", async () => {
    // The same database without `mod`: what a PGlite that stopped exposing it looks like.
    const withoutFiles = {
      query: pglite.query.bind(pglite),
      exec: pglite.exec.bind(pglite),
      close: async () => {},
    } as unknown as PGlite;
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new PGlitePool(withoutFiles) }),
    });
    const before = pgliteCopyRoutes();
    await copyRows(db, "copy_route", ["n", "t"], "1000\tthrough the blob\n");
    const after = pgliteCopyRoutes();
    expect(after.blob - before.blob).toBe(1);
    expect(after.memoryFile - before.memoryFile).toBe(0);
    const { rows } = await sql<{ t: string }>`select t from copy_route where n = 1000`.execute(db);
    expect(rows).toEqual([{ t: "through the blob" }]);
    await db.destroy();
  });
});
