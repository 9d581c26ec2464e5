import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testBackend } from "../../../test/support/database.ts";
import { type RequestContext, runWithContext, setContextUser } from "../request-context.ts";
import { type DatabaseHandle, needsContext } from "./connect.ts";

const context = (requestId: string): RequestContext => ({
  requestId,
  clientAddress: "127.0.0.1",
  userId: null,
  actor: "anonymous",
  organizationId: null,
});

describe(`the session context each borrower carries (${testBackend})`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  }, 60_000);
  afterAll(async () => handle?.close());

  /**
   * The request id the database sees as esca.ctx for the next statement ("" when none). The
   * statement is a VALUES, not a read: on PostgreSQL a plain read (a SELECT, or a WITH of
   * SELECTs), which can neither write nor append to the audit trail, is sent without setting
   * the context first.
   */
  const seen = async () => {
    const { rows } = await sql<{
      column1: string | null;
    }>`values (current_setting('esca.ctx', true))`.execute(handle.db);
    const value = rows[0]?.column1 ?? "";
    return value === "" ? "" : (JSON.parse(value) as { request_id: string; actor: string });
  };

  it("is the current one for every statement, whoever borrowed the connection before", async () => {
    // One connection on PGlite, a pool on PostgreSQL: many turns of the same few borrowers.
    for (let round = 0; round < 5; round++) {
      for (const id of ["req-a", "req-a", "req-b", "req-a"]) {
        expect(await runWithContext(context(id), seen)).toMatchObject({ request_id: id });
      }
      expect(await seen()).toBe("");
    }
    await runWithContext(context("req-c"), async () => {
      expect(await seen()).toMatchObject({ actor: "anonymous" });
      // Signed in half-way through the request: the next statements carry the user.
      setContextUser({
        id: crypto.randomUUID(),
        email: "someone@example.org",
        organizationId: null,
      });
      expect(await seen()).toMatchObject({ request_id: "req-c", actor: "someone@example.org" });
    });
  });

  it.skipIf(testBackend !== "pglite")(
    "is set once for statements of the same context in a row, and again when it changes",
    async () => {
      if (!handle.pglite) throw new Error("no PGlite handle");
      const pglite = handle.pglite;
      const original = pglite.query.bind(pglite);
      let settings = 0;
      pglite.query = ((text: string, ...rest: unknown[]) => {
        if (text.includes("esca.ctx', $1")) settings++;
        return (original as (...args: unknown[]) => unknown)(text, ...rest);
      }) as typeof pglite.query;
      try {
        await runWithContext(context("req-d"), async () => {
          for (let i = 0; i < 4; i++) await seen();
        });
        expect(settings).toBe(1);
        await runWithContext(context("req-e"), seen);
        await seen();
        expect(settings).toBe(3);
      } finally {
        pglite.query = original;
      }
    },
  );

  it.skipIf(testBackend !== "postgres")(
    "is set on PostgreSQL only before a statement that may write or append to the audit trail",
    async () => {
      const original = pg.Client.prototype.query;
      let settings = 0;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const first = args[0];
        const text = typeof first === "string" ? first : (first as { text?: string })?.text;
        if (text?.includes("esca.ctx', $1")) settings++;
        return (original as (...all: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      try {
        await runWithContext(context("req-f"), async () => {
          for (let i = 0; i < 4; i++) await sql`select 1 as one`.execute(handle.db);
          expect(settings).toBe(0);
          expect(await seen()).toMatchObject({ request_id: "req-f" });
          expect(settings).toBe(1);
          expect(await seen()).toMatchObject({ request_id: "req-f" });
          expect(settings).toBe(1);
        });
      } finally {
        pg.Client.prototype.query = original;
      }
    },
  );

  it("tells the statements that need the context from plain reads", () => {
    expect(needsContext("select * from initiatives where id = $1")).toBe(false);
    expect(needsContext("  SELECT count(*) from flows")).toBe(false);
    expect(needsContext("select seq, id from audit_append($1, $2, $3, null, $4::jsonb)")).toBe(
      true,
    );
    // A WITH made only of reads (the funding roll-up's shape) is a plain read too; names that
    // merely contain a modifying word (updated_at, inserted) are not modifications.
    expect(
      needsContext(
        "\n  with facts as (select updated_at, inserted from flows where id = any($1)) select * from facts",
      ),
    ).toBe(false);
    for (const text of [
      "begin",
      "insert into flows (id) values ($1)",
      "update initiatives set title_es = $1",
      "delete from sessions where id = $1",
      "with moved as (update flows set x = 1 returning id) select id from moved",
      "WITH gone AS (DELETE FROM sessions RETURNING id) SELECT count(*) FROM gone",
      "with added as (insert into flows (id) values ($1) returning id) select id from added",
      "with s as (select 1) merge into flows f using s on false when not matched then do nothing",
      "with s as (select 1) select audit_append($1, $2, $3, null, $4::jsonb) from s",
      "copy flows from stdin",
    ])
      expect(needsContext(text), text).toBe(true);
  });
});
