import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import { arrayLiteral } from "./staged-rows.ts";

describe("columns sent as one array literal", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("come back from the database exactly as they went, whatever characters they hold", async () => {
    const values = [
      "plain",
      "",
      "NULL",
      "null",
      'a "quoted" word',
      "back\\slash and \\\\ two",
      "line one\nline two\r\nand a\ttab",
      "{braces}, commas, and (parens)",
      "  spaces around  ",
      "Centroamérica — ñandú 北京 🇬🇹",
      '[{"lang":"es","text":"Tramo \\"1\\"\\n"}]',
      "\u2028\u2029\u00a0",
      null,
    ];
    const { rows } = await sql<{ v: Array<string | null> }>`
      select ${arrayLiteral(values)}::text::text[] as v`.execute(handle.db);
    expect(rows[0]?.v).toEqual(values);
  });

  it("carry numbers, minor units beyond 2^53 and JSON as their own types", async () => {
    const { rows } = await sql<{ n: number[]; m: bigint[]; j: unknown[] }>`
      select ${arrayLiteral([1, -2, 30])}::text::int[] as n,
        ${arrayLiteral(["9007199254740993", "-12345678901234567"])}::text::bigint[] as m,
        ${arrayLiteral([JSON.stringify([{ lang: "es", text: 'dijo "sí"\n' }]), "[]"])}::text::jsonb[] as j
    `.execute(handle.db);
    expect(rows[0]?.n).toEqual([1, -2, 30]);
    expect(rows[0]?.m?.map(String)).toEqual(["9007199254740993", "-12345678901234567"]);
    expect(rows[0]?.j).toEqual([[{ lang: "es", text: 'dijo "sí"\n' }], []]);
  });

  it("is the empty array for no values", () => {
    expect(arrayLiteral([])).toBe("{}");
  });
});
