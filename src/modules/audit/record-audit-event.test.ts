import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import { type RequestContext, runWithContext } from "../../platform/request-context.ts";
import { recordAuditEvent, verifyAuditChain } from "./index.ts";

describe("recording events that change no row", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  const request: RequestContext = {
    requestId: "req-login-7f3a",
    clientAddress: "203.0.113.9",
    userId: randomUUID(),
    actor: "maria@example.org",
    organizationId: randomUUID(),
  };

  const entry = (id: string) =>
    handle.db.selectFrom("audit_log").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("records who, from where and in which request, with the details", async () => {
    const recorded = await runWithContext(request, () =>
      recordAuditEvent({
        db: handle.db,
        action: "login_failed",
        entityType: "users",
        entityId: null,
        details: { email: "maria@example.org", reason: "bad_password" },
      }),
    );
    expect(await entry(recorded.id)).toMatchObject({
      action: "login_failed",
      entity_type: "users",
      entity_id: null,
      actor: "maria@example.org",
      actor_user_id: request.userId,
      organization_id: request.organizationId,
      request_id: "req-login-7f3a",
      client_address: "203.0.113.9",
      before: null,
      after: { email: "maria@example.org", reason: "bad_password" },
    });
  });

  it("stays recorded when the request then fails and its transaction rolls back", async () => {
    let deniedId = "";
    const failingRequest = runWithContext(request, async () => {
      const denied = await recordAuditEvent({
        db: handle.db,
        action: "access_denied",
        entityType: "initiatives",
        entityId: "GT-001",
        details: { route: "PATCH /api/initiatives/:id" },
      });
      deniedId = denied.id;
      await handle.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("indicators")
          .values({ code: "ROLLED-BACK", name_es: "x", name_en: "x", unit: "x" })
          .execute();
        throw new Error("the request fails");
      });
    });
    await expect(failingRequest).rejects.toThrow("the request fails");
    expect((await entry(deniedId)).action).toBe("access_denied");
    const leftovers = await handle.db
      .selectFrom("audit_log")
      .select("id")
      .where("entity_type", "=", "indicators")
      .execute();
    expect(leftovers).toEqual([]);
  });

  it("refuses to run inside a transaction, where a rollback would erase it", async () => {
    await expect(
      handle.db
        .transaction()
        .execute((trx) =>
          recordAuditEvent({ db: trx, action: "logout", entityType: "sessions", entityId: null }),
        ),
    ).rejects.toThrow(/outside transactions/);
  });

  it("attributes work done outside any request to the system, never to the last request", async () => {
    await runWithContext(request, () =>
      recordAuditEvent({ db: handle.db, action: "logout", entityType: "sessions", entityId: null }),
    );
    const bare = await recordAuditEvent({
      db: handle.db,
      action: "login",
      entityType: "sessions",
      entityId: null,
    });
    expect(await entry(bare.id)).toMatchObject({
      actor: "system",
      actor_user_id: null,
      request_id: null,
      client_address: null,
    });
    expect((await verifyAuditChain({ db: handle.db })).ok).toBe(true);
  });

  it("refuses an action name that is not a plain identifier", async () => {
    await expect(
      sql`select audit_append('Drop table', 'users', null, null, null)`.execute(handle.db),
    ).rejects.toThrow(/audit_log_action_check/);
  });
});
