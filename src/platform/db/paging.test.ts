import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "./connect.ts";
import { readPage } from "./paging.ts";

describe("readPage", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    const components = await handle.db
      .insertInto("strategy_components")
      .values(["A", "B", "C", "D", "E"].map((code) => ({ code, name_es: code, name_en: code })))
      .returning(["id", "code"])
      .execute();
    const a = components.find((c) => c.code === "A")?.id ?? "";
    await handle.db
      .insertInto("lines_of_action")
      .values(
        ["AA", "AB", "AC"].map((code) => ({ component_id: a, code, name_es: code, name_en: code })),
      )
      .execute();
  });
  afterAll(async () => handle.close());

  const components = () => handle.db.selectFrom("strategy_components");

  it("returns the page's rows in order and the count of every row the filter matches", async () => {
    const base = components().where("code", "<>", "E");
    const page = await readPage(
      { rows: base.select("code").orderBy("code", "desc"), count: base },
      { limit: 2, offset: 1 },
    );
    expect(page).toEqual({ rows: [{ code: "C" }, { code: "B" }], total: 4 });
  });

  it("counts past the last page, and an empty filter as zero", async () => {
    const base = components();
    expect(
      await readPage(
        { rows: base.select("code").orderBy("code"), count: base },
        { limit: 10, offset: 50 },
      ),
    ).toEqual({ rows: [], total: 5 });
    const none = components().where("code", "=", "Z");
    expect(
      await readPage({ rows: none.select("code"), count: none }, { limit: 10, offset: 0 }),
    ).toEqual({ rows: [], total: 0 });
  });

  it("counts the filter, not the rows' joins, and drops the count query's selection and order", async () => {
    const base = components();
    const withLines = base
      .leftJoin("lines_of_action as l", "l.component_id", "strategy_components.id")
      .select(["strategy_components.code", "l.code as line"])
      .orderBy("strategy_components.code")
      .orderBy("l.code");
    const page = await readPage(
      { rows: withLines, count: base.select("code").orderBy("code") },
      { limit: 3, offset: 0 },
    );
    expect(page.rows).toEqual([
      { code: "A", line: "AA" },
      { code: "A", line: "AB" },
      { code: "A", line: "AC" },
    ]);
    expect(page.total).toBe(5);
  });
});
