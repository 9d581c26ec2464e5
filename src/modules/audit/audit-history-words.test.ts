import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { AuditHistory, AuditList, AuditVerdict } from "./index.ts";

/** The record history the public and staff read, and the secretariat's chain check. */
describe("a record's history in words", () => {
  let t: TestApp;
  let focal: TestSession;
  let secretariat: TestSession;
  let guatemala: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.handle.db
      .insertInto("strategy_components")
      .values({ code: "A", name_en: "Combating crime", name_es: "Combate al delito" })
      .execute();
    focal = await t.signIn({ role: "focal_point", organization: "GT", country: "GT" });
    secretariat = await t.signIn({ role: "secretariat", organization: "SICA-DSD" });
    const gt = await t.handle.db
      .selectFrom("organizations")
      .select("id")
      .where("code", "=", "GT")
      .executeTakeFirstOrThrow();
    guatemala = gt.id;

    const create = (code: string) =>
      focal.request<{ id: string; version: number }>({
        method: "POST",
        url: "/api/initiatives",
        payload: {
          code,
          title: { en: "Border control", es: "Control fronterizo" },
          component: "A",
          lead_country: "GT",
          budget: { amount: "1000.00", currency: "USD" },
        },
      });
    const created = await create("WX1");
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await create("WX2")).status).toBe(201);
    const steps = [
      () =>
        focal.request({
          method: "PATCH",
          url: "/api/initiatives/WX1",
          payload: { version: 1, title: { en: "Published wording", es: "Redacción publicada" } },
        }),
      () =>
        focal.request({
          method: "POST",
          url: "/api/initiatives/WX1/transitions",
          payload: { to: "submitted" },
        }),
      () =>
        secretariat.request({
          method: "POST",
          url: "/api/initiatives/WX1/publication",
          payload: { published: true },
        }),
    ];
    for (const step of steps) {
      const response = await step();
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    }
    const current = await t.request<{ version: number }>({
      method: "GET",
      url: "/api/initiatives/WX1",
    });
    const raised = await focal.request({
      method: "PATCH",
      url: "/api/initiatives/WX1",
      payload: { version: current.body.version, budget: { amount: "1500.00", currency: "USD" } },
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
  });
  afterAll(async () => t.close());

  it("shows the public a published initiative's changes since publication, by organization and role, with no personal data", async () => {
    const response = await t.anonymous<AuditHistory>({
      method: "GET",
      url: "/api/audit/initiatives/WX1",
    });
    expect(response.status).toBe(200);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(focal.email);
    expect(text).not.toContain(secretariat.email);
    expect(text).not.toMatch(/@/);
    expect(text).not.toContain(focal.userId);
    expect(text).not.toContain("focal_point of GT");
    // The first wording was changed while a draft: it was never public, nor the creation.
    expect(text).not.toContain("Border control");
    expect(response.body.data.every((e) => e.action === "update")).toBe(true);
    const budget = response.body.data.find((e) => e.after?.budget_amount_minor === 150000);
    expect(budget?.before).toMatchObject({ budget_amount_minor: 100000, budget_currency: "USD" });
    expect(budget?.who).toEqual({
      kind: "user",
      organization: { id: guatemala, code: "GT", name: { es: "GT", en: "GT" } },
      role: "focal_point",
    });
    for (const entry of response.body.data) {
      expect(Object.keys(entry).sort()).toEqual(
        [
          "action",
          "after",
          "at",
          "before",
          "entity_id",
          "entity_type",
          "hash",
          "id",
          "seq",
          "who",
        ].sort(),
      );
      for (const image of [entry.before, entry.after]) {
        expect(Object.keys(image ?? {})).not.toContain("version");
      }
    }
    // The component the initiative belongs to is named, not left as an id.
    const component = String(budget?.after?.component_id);
    expect(response.body.refs[component]).toEqual({
      code: "A",
      name: { es: "Combate al delito", en: "Combating crime" },
    });
  });

  it("names the person to staff, and the whole history", async () => {
    const response = await secretariat.request<AuditHistory>({
      method: "GET",
      url: `/api/audit/initiatives/${await idOf("WX1")}`,
    });
    expect(response.status).toBe(200);
    expect(response.body.data[0]?.action).toBe("insert");
    expect(response.body.data[0]?.who.person).toEqual({
      name: "focal_point of GT",
      email: focal.email,
      actor: focal.email,
    });
    expect(JSON.stringify(response.body)).toContain("Border control");
  });

  it("refuses the public other kinds of record, and does not find a draft", async () => {
    const users = await t.anonymous<{ error: { reason: string } }>({
      method: "GET",
      url: `/api/audit/users/${focal.userId}`,
    });
    expect(users.status).toBe(403);
    expect(users.body.error.reason).toBe("audit_history_staff_only");
    const partner = await t.signIn({ role: "partner", organization: "ESP" });
    const refused = await partner.request({
      method: "GET",
      url: `/api/audit/users/${focal.userId}`,
    });
    expect(refused.status).toBe(403);
    const draft = await t.anonymous({ method: "GET", url: "/api/audit/initiatives/WX2" });
    expect(draft.status).toBe(404);
    const partnerReads = await partner.request<AuditHistory>({
      method: "GET",
      url: "/api/audit/initiatives/WX1",
    });
    expect(partnerReads.status).toBe(200);
    expect(JSON.stringify(partnerReads.body)).not.toContain(focal.email);
  });

  it("filters the trail by the acting organization and user", async () => {
    const byFocal = await secretariat.request<AuditList>({
      method: "GET",
      url: `/api/audit?organization_id=${guatemala}&actor_user_id=${focal.userId}&limit=500`,
    });
    expect(byFocal.status).toBe(200);
    expect(byFocal.body.data.length).toBeGreaterThan(0);
    for (const entry of byFocal.body.data) {
      expect(entry.actor_user_id).toBe(focal.userId);
      expect(entry.who).toMatchObject({ role: "focal_point", organization: { code: "GT" } });
    }
    const initiatives = byFocal.body.data.filter((e) => e.entity_type === "initiatives");
    // Two created, one renamed, one submitted, one budget raised: newest first.
    expect(initiatives.map((e) => e.action)).toEqual([
      "update",
      "update",
      "update",
      "insert",
      "insert",
    ]);
    const bySecretariat = await secretariat.request<AuditList>({
      method: "GET",
      url: `/api/audit?actor_user_id=${secretariat.userId}&entity_type=initiatives`,
    });
    expect(bySecretariat.body.data.map((e) => e.action)).toEqual(["update"]);
  });

  it("verifies the chain from the API, records that it did, and names the first broken row", async () => {
    const db = t.handle.db;
    const last = async () =>
      db
        .selectFrom("audit_log")
        .selectAll()
        .orderBy("seq", "desc")
        .limit(1)
        .executeTakeFirstOrThrow();
    const before = await last();
    const rows = await count(db);
    const verified = await secretariat.request<AuditVerdict>({
      method: "POST",
      url: "/api/audit/verification",
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      ok: true,
      first_bad: null,
      head: { seq: Number(before.seq), hash: before.hash },
    });
    expect(verified.body.rows).toBe(rows);
    const recorded = await last();
    expect(recorded).toMatchObject({
      action: "chain_verified",
      entity_type: "audit_log",
      actor: secretariat.email,
      after: { ok: true, rows: verified.body.rows, head_hash: before.hash },
    });

    const victim = await db
      .selectFrom("audit_log")
      .select(["seq", "id"])
      .where("entity_type", "=", "initiatives")
      .orderBy("seq")
      .limit(1)
      .executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update audit_log set actor = 'mallory' where seq = ${victim.seq}`.execute(trx);
    });
    const broken = await secretariat.request<AuditVerdict>({
      method: "POST",
      url: "/api/audit/verification",
    });
    expect(broken.status).toBe(200);
    expect(broken.body).toMatchObject({
      ok: false,
      first_bad: {
        seq: Number(victim.seq),
        id: victim.id,
        reason: expect.stringMatching(/altered/),
      },
    });
    expect(broken.body.head?.seq).toBe(Number(victim.seq) - 1);
  });

  async function idOf(code: string) {
    const row = await t.handle.db
      .selectFrom("initiatives")
      .select("id")
      .where("code", "=", code)
      .executeTakeFirstOrThrow();
    return row.id;
  }
});

async function count(db: Kysely<Database>) {
  const row = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<bigint>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
