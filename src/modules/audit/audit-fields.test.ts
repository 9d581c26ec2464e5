import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import {
  auditColumns,
  auditedTables,
  hiddenAuditColumns,
  visibleImage,
} from "../../contracts/audit-fields.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";

/** The field map read by the history against the tables the migrations audit. */
describe("the audit field map", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("names every audited table and labels every column they write", async () => {
    const audited = await sql<{ table_name: string }>`
      select distinct c.relname as table_name from pg_trigger tg
      join pg_class c on c.oid = tg.tgrelid
      where tg.tgname like '%audit%' and not tg.tgisinternal and c.relname <> 'audit_log'`.execute(
      handle.db,
    );
    const tables = audited.rows.map((r) => r.table_name).sort();
    expect(tables).toEqual(auditedTables.filter((t) => t !== "audit_log"));
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and table_name = any(${tables})`.execute(handle.db);
    const unlabelled = columns.rows
      .filter(
        (c) => !(c.column_name in auditColumns) && !hiddenAuditColumns.includes(c.column_name),
      )
      .map((c) => `${c.table_name}.${c.column_name}`);
    expect(unlabelled).toEqual([]);
  });

  it("keeps secrets from everyone and people's names and e-mails from the public", () => {
    const image = {
      email: "ana@example.org",
      name: "Ana",
      password_hash: "x",
      recorded_by: "ana@example.org",
      title_en: "Border control",
      version: 3,
      a_column_nobody_labelled: "?",
    };
    expect(visibleImage(image, false)).toEqual({ title_en: "Border control" });
    expect(visibleImage(image, true)).toEqual({
      email: "ana@example.org",
      name: "Ana",
      recorded_by: "ana@example.org",
      title_en: "Border control",
      a_column_nobody_labelled: "?",
    });
    expect(visibleImage(null, false)).toBeNull();
  });
});
