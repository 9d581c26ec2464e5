import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import type { Database } from "../../platform/db/schema.ts";
import { runWithContext } from "../../platform/request-context.ts";
import { seedDemo } from "../demo/index.ts";
import { verifyAuditChain } from "./index.ts";

/**
 * What an attacker with SQL access would do: switch the refusing triggers off for one
 * transaction (superuser only) and rewrite history underneath them.
 */
async function tamper(db: Kysely<Database>, statement: ReturnType<typeof sql>) {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await statement.execute(trx);
  });
}

async function countAudit(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<bigint>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("the audit chain of a freshly seeded demo database", () => {
  let handle: DatabaseHandle;
  let db: Kysely<Database>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await seedDemo({ db });
  });
  afterAll(async () => handle.close());

  it("is intact and covers every row, whatever the batch size", async () => {
    const total = await countAudit(db);
    expect(total).toBeGreaterThan(100);
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, rows: total });
    // A batch size that does not divide the count exercises every batch boundary.
    expect(await verifyAuditChain({ db, batchSize: 7 })).toMatchObject({ ok: true, rows: total });
    const tables = await db.selectFrom("audit_log").select("entity_type").distinct().execute();
    expect(tables.map((t) => t.entity_type)).toEqual(
      expect.arrayContaining(["organizations", "initiatives", "support_flows", "exchange_rates"]),
    );
  });

  it("recomputes the same hashes whatever the session's time zone", async () => {
    const mismatches = await db.transaction().execute(async (trx) => {
      await sql`set local timezone = 'Pacific/Kiritimati'`.execute(trx);
      return sql<{ n: number }>`
        select count(*)::int as n from audit_log a where audit_hash(a) <> a.hash`.execute(trx);
    });
    expect(mismatches.rows[0]?.n).toBe(0);
  });

  it("refuses UPDATE, DELETE and TRUNCATE of the log", async () => {
    const before = await countAudit(db);
    await expect(sql`update audit_log set actor = 'mallory'`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where seq = 1`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await countAudit(db)).toBe(before);
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  it("names the row altered directly in SQL, and the row after one removed", async () => {
    const victim = await db
      .selectFrom("audit_log")
      .select(["seq", "id", "actor", "prev_hash"])
      .orderBy("seq")
      .offset(40)
      .limit(1)
      .executeTakeFirstOrThrow();
    await tamper(db, sql`update audit_log set actor = 'mallory' where seq = ${victim.seq}`);
    const altered = await verifyAuditChain({ db, batchSize: 16 });
    expect(altered).toEqual({
      ok: false,
      rows: 40,
      // The head is the row before the altered one, whose hash the altered one names.
      head: { seq: expect.any(Number), hash: victim.prev_hash },
      firstBad: {
        seq: Number(victim.seq),
        id: victim.id,
        reason: expect.stringMatching(/altered/),
      },
    });

    await tamper(db, sql`update audit_log set actor = ${victim.actor} where seq = ${victim.seq}`);
    expect((await verifyAuditChain({ db })).ok).toBe(true);

    await tamper(db, sql`delete from audit_log where seq = ${victim.seq}`);
    const next = await db
      .selectFrom("audit_log")
      .select(["seq", "id"])
      .where("seq", ">", victim.seq)
      .orderBy("seq")
      .limit(1)
      .executeTakeFirstOrThrow();
    const removed = await verifyAuditChain({ db });
    expect(removed).toMatchObject({
      ok: false,
      rows: 40,
      firstBad: { seq: Number(next.seq), id: next.id, reason: expect.stringMatching(/prev_hash/) },
    });
  });
});

describe("concurrent writers", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("append to one unbroken chain, each change attributed to its own writer", async () => {
    const { db } = handle;
    const indicator = (code: string) => ({ code, name_es: code, name_en: code, unit: "count" });
    // Autocommit writers interleave statement by statement; the transactional one holds the
    // chain from its first change to its commit.
    const autocommit = async (writer: string) => {
      for (let i = 0; i < 8; i++) {
        await db
          .insertInto("indicators")
          .values(indicator(`${writer}-${i}`))
          .execute();
      }
    };
    const transactional = (writer: string) =>
      db.transaction().execute(async (trx) => {
        for (let i = 0; i < 8; i++) {
          await trx
            .insertInto("indicators")
            .values(indicator(`${writer}-${i}`))
            .execute();
          await sql`select pg_sleep(0.005)`.execute(trx);
        }
      });
    const as = (writer: string, work: (w: string) => Promise<void>) =>
      runAs(writer, () => work(writer));
    await Promise.all([as("W1", autocommit), as("W2", autocommit), as("W3", transactional)]);

    const rows = await db
      .selectFrom("audit_log")
      .select(["actor", "prev_hash", sql<string>`after ->> 'code'`.as("code")])
      .execute();
    expect(rows).toHaveLength(24);
    for (const row of rows) expect(row.code.startsWith(`${row.actor}-`)).toBe(true);
    // A fork — two rows naming the same predecessor — is what the lock prevents.
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(24);
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, rows: 24 });
  });
});

function runAs(actor: string, work: () => Promise<void>) {
  const context = {
    requestId: actor,
    clientAddress: null,
    userId: null,
    actor,
    organizationId: null,
  };
  return runWithContext(context, work);
}
