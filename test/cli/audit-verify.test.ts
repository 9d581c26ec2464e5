import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbedded } from "../../src/platform/db/connect.ts";
import { migrateToLatest } from "../../src/platform/db/migrate.ts";
import type { Database } from "../../src/platform/db/schema.ts";
import { cliEnv, embeddedPassOnly, runCli, startCliServer } from "../support/cli.ts";

// `esca audit verify` opens the embedded folder itself, as an operator would on the server.
describe.skipIf(embeddedPassOnly())("esca audit verify", { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "esca-audit-"));
  const env = cliEnv(dataDir, { ESCA_DEMO: "false" });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Works on the folder between CLI runs, while no other process holds it. */
  async function withFolder(work: (db: Kysely<Database>) => Promise<void>) {
    const handle = await openEmbedded({ dataDir: join(dataDir, "pglite") });
    try {
      await work(handle.db);
    } finally {
      await handle.close();
    }
  }

  let entries = 0;
  beforeAll(() =>
    withFolder(async (db) => {
      await migrateToLatest(db);
      for (const code of ["A", "B", "C"]) {
        await db
          .insertInto("strategy_components")
          .values({ code, name_es: `Componente ${code}`, name_en: `Component ${code}` })
          .execute();
      }
      const count = await db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<bigint>().as("n"))
        .executeTakeFirstOrThrow();
      entries = Number(count.n);
    }),
  );

  it("reports an intact chain with its length and exits 0", async () => {
    const result = await runCli(["audit", "verify"], env);
    expect(result.stderr).toBe("");
    expect(entries).toBeGreaterThanOrEqual(3);
    expect(result.stdout).toBe(`audit chain intact: ${entries} rows\n`);
    expect(result.code).toBe(0);
  });

  it("names the first row that does not match and exits 1 after a direct SQL change", async () => {
    let victim = { seq: 0n, id: "" };
    await withFolder(async (db) => {
      victim = await db
        .selectFrom("audit_log")
        .select(["seq", "id"])
        .orderBy("seq")
        .offset(1)
        .limit(1)
        .executeTakeFirstOrThrow();
      await db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql`update audit_log set after = after || '{"name_en": "Forged"}'
          where seq = ${victim.seq}`.execute(trx);
      });
    });
    const result = await runCli(["audit", "verify"], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`audit chain broken at seq ${victim.seq} (id ${victim.id})`);
    expect(result.stderr).toContain("altered");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("stops with the lock message while a server holds the folder", async () => {
    const server = await startCliServer(env);
    try {
      const result = await runCli(["audit", "verify"], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`in use by process ${server.child.pid}`);
    } finally {
      await server.stop();
    }
  });
});
