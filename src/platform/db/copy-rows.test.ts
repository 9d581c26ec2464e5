import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "./connect.ts";
import { CopyBuffer, copyField } from "./copy-format.ts";
import { copyRows } from "./copy-rows.ts";
import { inTransaction } from "./transaction.ts";

describe("rows written with COPY", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await sql`create table copy_probe (n int not null, t text, m bigint, j jsonb)`.execute(
      handle.db,
    );
  });
  afterAll(async () => handle.close());

  const texts = [
    "plain",
    "",
    "\\N",
    "NULL",
    'a "quoted" word',
    "back\\slash and \\\\ two, \\t not a tab",
    "line one\nline two\r\nand a\ttab",
    "{braces}, commas; (parens) |pipes|",
    "  spaces around  ",
    "Centroamérica — ñandú 北京 🇬🇹",
    "\u2028\u2029\u00a0\u0001",
    null,
  ];

  it("come back exactly as they went, whatever characters they hold", async () => {
    const rows = texts.map((t, n) => {
      const json = JSON.stringify([{ lang: "es", text: t ?? 'dijo "sí"\n\\' }]);
      return [n, t, n % 2 ? "9007199254740993" : "-12345678901234567", json]
        .map((v) => copyField(v))
        .join("\t");
    });
    await copyRows(handle.db, "copy_probe", ["n", "t", "m", "j"], `${rows.join("\n")}\n`);
    const { rows: back } = await sql<{ n: number; t: string | null; m: bigint; j: unknown }>`
      select n, t, m, j from copy_probe order by n`.execute(handle.db);
    expect(back.map((r) => r.t)).toEqual(texts);
    expect(back.map((r) => String(r.m))).toEqual(
      texts.map((_, n) => (n % 2 ? "9007199254740993" : "-12345678901234567")),
    );
    expect(back.map((r) => r.j)).toEqual(
      texts.map((t) => [{ lang: "es", text: t ?? 'dijo "sí"\n\\' }]),
    );
  });

  it("go as UTF-8 bytes gathered in a buffer that grows, and come back the same", async () => {
    // A 16-byte start: every row makes the buffer grow, keeping what it held.
    const buffer = new CopyBuffer(16);
    for (const [n, t] of texts.entries()) buffer.append(`${1000 + n}\t${copyField(t)}\n`);
    const bytes = buffer.take();
    expect(new TextDecoder().decode(bytes)).toBe(
      texts.map((t, n) => `${1000 + n}\t${copyField(t)}\n`).join(""),
    );
    expect(buffer.byteLength).toBe(0);
    await copyRows(handle.db, "copy_probe", ["n", "t"], bytes);
    const { rows: back } = await sql<{ t: string | null }>`
      select t from copy_probe where n >= 1000 order by n`.execute(handle.db);
    expect(back.map((r) => r.t)).toEqual(texts);
    // What was taken is the caller's: appending again starts a new batch.
    buffer.append("2000\tnext\n");
    expect(new TextDecoder().decode(buffer.take())).toBe("2000\tnext\n");
    expect(new TextDecoder().decode(bytes)).toContain("1000\tplain\n");
  });

  it("fill a buffer given back once its rows are written, from its start", async () => {
    const buffer = new CopyBuffer(64);
    buffer.append("3000\tfirst batch, long enough to be seen if it were left behind\n");
    const first = buffer.take();
    await copyRows(handle.db, "copy_probe", ["n", "t"], first);
    buffer.recycle(first.buffer);
    // The batch being gathered when the first came back goes on in its own buffer...
    buffer.append("3001\tsecond\n");
    const second = buffer.take();
    expect(second.buffer).not.toBe(first.buffer);
    // ...and the next one fills the first's memory from its start.
    buffer.append("3002\tthird\n");
    const third = buffer.take();
    expect(third.buffer).toBe(first.buffer);
    expect(new TextDecoder().decode(third)).toBe("3002\tthird\n");
    await copyRows(handle.db, "copy_probe", ["n", "t"], second);
    await copyRows(handle.db, "copy_probe", ["n", "t"], third);
    // A buffer moved away (detached, empty) is not taken back.
    buffer.recycle(new ArrayBuffer(0));
    buffer.append("3003\tfourth\n");
    buffer.take();
    buffer.append("3004\tfifth\n");
    expect(new TextDecoder().decode(buffer.take())).toBe("3004\tfifth\n");
    const { rows } = await sql<{ t: string }>`
      select t from copy_probe where n between 3000 and 3002 order by n`.execute(handle.db);
    expect(rows.map((r) => r.t)).toEqual([
      "first batch, long enough to be seen if it were left behind",
      "second",
      "third",
    ]);
  });

  it("belong to the caller's transaction: a failure later undoes them", async () => {
    const before = await sql<{ c: bigint }>`select count(*) as c from copy_probe`.execute(
      handle.db,
    );
    await expect(
      inTransaction(handle.db, async (trx) => {
        await copyRows(trx, "copy_probe", ["n", "t"], "100\tkept?\n");
        throw new Error("later failure");
      }),
    ).rejects.toThrow("later failure");
    const after = await sql<{ c: bigint }>`select count(*) as c from copy_probe`.execute(handle.db);
    expect(after.rows[0]?.c).toBe(before.rows[0]?.c);
  });

  it("are refused whole when one row breaks a constraint, naming the row", async () => {
    const before = await sql<{ c: bigint }>`select count(*) as c from copy_probe`.execute(
      handle.db,
    );
    await expect(
      copyRows(handle.db, "copy_probe", ["n", "t"], "200\tfine\n\\N\tno number\n"),
    ).rejects.toThrow(/null value in column "n"/);
    const after = await sql<{ c: bigint }>`select count(*) as c from copy_probe`.execute(handle.db);
    expect(after.rows[0]?.c).toBe(before.rows[0]?.c);
  });

  it("writes nothing for no rows", async () => {
    await expect(copyRows(handle.db, "copy_probe", ["n"], "")).resolves.toBeUndefined();
  });
});
