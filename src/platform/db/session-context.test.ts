import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testBackend } from "../../../test/support/database.ts";
import { type RequestContext, runWithContext, setContextUser } from "../request-context.ts";
import type { DatabaseHandle } from "./connect.ts";

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

  /** The request id the database sees as esca.ctx for the next statement ("" when none). */
  const seen = async () => {
    const { rows } = await sql<{
      ctx: string;
    }>`select current_setting('esca.ctx', true) as ctx`.execute(handle.db);
    const value = rows[0]?.ctx ?? "";
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
});
