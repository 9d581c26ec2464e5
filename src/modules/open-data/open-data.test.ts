import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import type { OpenData } from "../../contracts/open-data.ts";
import { setUpInitiativeWorld, usdPayload } from "../initiatives/initiatives.fixtures.ts";
import { publishedDataTables } from "./find-open-data.ts";

describe("GET /api/open-data", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await setUpInitiativeWorld(t);
  });
  afterAll(async () => t.close());

  const read = async () => {
    const response = await t.anonymous<OpenData>({ method: "GET", url: "/api/open-data" });
    expect(response.status).toBe(200);
    return response.body;
  };
  /** The audit trail's newest change to the data's tables, read straight from it. */
  const newestChange = async () => {
    const row = await sql<{ at: Date }>`
      select max(at) as at from audit_log
      where action in ('insert', 'update', 'delete')
        and entity_type in (${sql.join([...publishedDataTables])})`.execute(t.handle.db);
    return row.rows[0]?.at?.toISOString() ?? null;
  };

  const lastEvent = async () =>
    (
      await t.handle.db
        .selectFrom("audit_log")
        .select("action")
        .orderBy("seq", "desc")
        .executeTakeFirstOrThrow()
    ).action;

  it("names the data's licence for anyone, signed in or not", async () => {
    const body = await read();
    expect(body.licence).toEqual({
      id: "CC-BY-4.0",
      name: "Creative Commons Attribution 4.0 International",
      url: "https://creativecommons.org/licenses/by/4.0/",
    });
  });

  it("says when the data last changed: the audit trail's newest change, not a login", async () => {
    const before = await read();
    expect(before.last_updated_at).toBe(await newestChange());
    // A failed login is an audit event but changes no data.
    const refused = await t.anonymous({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "nobody@example.org", password: "not-the-password" },
    });
    expect(refused.status).toBe(401);
    // The refusal is on the trail, as an event that changed nothing.
    expect(["login_failed", "access_denied"]).toContain(await lastEvent());
    expect((await read()).last_updated_at).toBe(before.last_updated_at);
    const created = await t.request({
      method: "POST",
      url: "/api/initiatives",
      payload: usdPayload("BB7", { line_of_action: "BB" }),
    });
    expect(created.status).toBe(201);
    const after = await read();
    expect(after.last_updated_at).toBe(await newestChange());
    expect(after.last_updated_at).not.toBe(before.last_updated_at);
  });
});
