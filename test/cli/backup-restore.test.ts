import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyAuditChain } from "../../src/modules/audit/index.ts";
import { seedDemo } from "../../src/modules/demo/index.ts";
import { summarizeFunding } from "../../src/modules/funding/index.ts";
import { backupToFile, restoreFromFile } from "../../src/platform/db/backup-file.ts";
import { type DatabaseHandle, openEmbedded } from "../../src/platform/db/connect.ts";
import { migrateToLatest } from "../../src/platform/db/migrate.ts";
import { cliEnv, runCli } from "../support/cli.ts";
import { createTestDatabase, testBackend } from "../support/database.ts";

/**
 * `esca backup` / `esca restore`: the demo data moves from one database to another and back
 * with identical roll-ups, row counts and audit head hash. On the PostgreSQL pass the trip is
 * embedded → PostgreSQL → embedded; on the embedded pass, embedded → embedded.
 */
const freshEmbedded = () =>
  openEmbedded({ loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]) });

interface Fingerprint {
  rollups: unknown[];
  counts: Record<string, number>;
  head: string | null;
  sequences: Record<string, string | null>;
}

async function fingerprint(handle: DatabaseHandle): Promise<Fingerprint> {
  const db = handle.db;
  const rollups: unknown[] = [];
  for (const by of [["component"], ["country"], ["partner"], ["initiative"], []] as const)
    rollups.push(await summarizeFunding({ db, by: [...by] }));
  const tables = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(
      db,
    );
    counts[name] = r.rows[0]?.n ?? 0;
  }
  const head = await sql<{ hash: string }>`
    select hash from audit_log order by seq desc limit 1`.execute(db);
  const seqs = await sql<{ name: string; value: string | null }>`
    select sequencename as name, last_value::text as value from pg_sequences
    where schemaname = 'public'`.execute(db);
  return {
    rollups,
    counts,
    head: head.rows[0]?.hash ?? null,
    sequences: Object.fromEntries(seqs.rows.map((r) => [r.name, r.value])),
  };
}

describe("backup and restore across databases", () => {
  let dir = "";
  let source: DatabaseHandle;
  let expected: Fingerprint;
  const opened: DatabaseHandle[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "esca-backup-"));
    source = await freshEmbedded();
    opened.push(source);
    await seedDemo({ db: source.db, force: true });
    expected = await fingerprint(source);
  }, 600_000);
  afterAll(async () => {
    for (const handle of opened) await handle.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`moves the demo data embedded → ${testBackend} → embedded, identical each way`, async () => {
    expect(expected.head).not.toBeNull();
    expect(expected.counts.support_flows).toBeGreaterThan(0);
    const first = join(dir, "first.jsonl.gz");
    const written = await backupToFile(source.db, source.backend, first);
    expect(written.rows.audit_log).toBe(expected.counts.audit_log);

    const middle = await createTestDatabase();
    opened.push(middle);
    await restoreFromFile(middle.db, first);
    expect(await fingerprint(middle)).toEqual(expected);
    expect((await verifyAuditChain({ db: middle.db })).ok).toBe(true);

    const second = join(dir, "second.jsonl");
    await backupToFile(middle.db, middle.backend, second);
    const last = await freshEmbedded();
    opened.push(last);
    await restoreFromFile(last.db, second);
    expect(await fingerprint(last)).toEqual(expected);
    expect((await verifyAuditChain({ db: last.db })).ok).toBe(true);

    // Work goes on after a restore: the next audited write chains onto the restored head.
    await sql`update organizations set name_en = name_en || ' ' where code = (select min(code) from organizations)`.execute(
      last.db,
    );
    const verdict = await verifyAuditChain({ db: last.db });
    expect(verdict.ok).toBe(true);
    expect(verdict.rows).toBe((expected.counts.audit_log ?? 0) + 1);
  }, 600_000);

  it("refuses a damaged, incomplete or foreign file and a database that holds data, changing nothing", async () => {
    const good = join(dir, "good.jsonl");
    await backupToFile(source.db, source.backend, good);
    const lines = readFileSync(good, "utf8").trimEnd().split("\n");
    const target = await freshEmbedded();
    opened.push(target);
    const empty = await fingerprint(target);

    const cases: Array<[string, string, RegExp]> = [
      ["truncated.jsonl", `${lines.slice(0, -1).join("\n")}\n`, /incomplete/],
      [
        "tampered.jsonl",
        `${lines.map((l, i) => (i === 2 ? l.replace(/"[A-Z]{3}"/, '"XXX"') : l)).join("\n")}\n`,
        /does not match its checksum/,
      ],
      ["foreign.jsonl", '{"hello":"world"}\n', /Line 1: not an ESCA Hub backup/],
      [
        "older.jsonl",
        `${lines.map((l, i) => (i === 0 ? l.replace(/"schema":"\d+"/, '"schema":"20110101000000"') : l)).join("\n")}\n`,
        /schema version 20110101000000/,
      ],
    ];
    for (const [name, text, message] of cases) {
      writeFileSync(join(dir, name), text);
      await expect(restoreFromFile(target.db, join(dir, name)), name).rejects.toThrow(message);
      expect(await fingerprint(target), name).toEqual(empty);
    }

    // A database that holds data is replaced only when asked.
    await restoreFromFile(target.db, good);
    await expect(restoreFromFile(target.db, good)).rejects.toThrow(/already holds data/);
    await restoreFromFile(target.db, good, { replace: true });
    expect(await fingerprint(target)).toEqual(expected);
  }, 600_000);

  it("esca backup and esca restore carry an embedded database's data to another", async () => {
    const from = join(dir, "cli-from");
    const to = join(dir, "cli-to");
    const file = join(dir, "cli.jsonl.gz");
    // The source folder holds the demo data (as `esca seed demo` leaves it).
    const prepared = await openEmbedded({ dataDir: join(from, "pglite") });
    await migrateToLatest(prepared.db);
    await seedDemo({ db: prepared.db, force: true });
    await prepared.close();
    const backup = await runCli(["backup", file], cliEnv(from), 300_000);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backed up \d+ rows of \d+ tables/);
    const restore = await runCli(["restore", file], cliEnv(to), 300_000);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/Restored \d+ rows/);
    const restored = await openEmbedded({ dataDir: join(to, "pglite") });
    try {
      const verdict = await verifyAuditChain({ db: restored.db });
      expect(verdict.ok).toBe(true);
      expect(verdict.rows).toBeGreaterThan(0);
    } finally {
      await restored.close();
    }
    const again = await runCli(["restore", file], cliEnv(to), 300_000);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^esca: The database already holds data .*--replace/);
  }, 1_200_000);
});
