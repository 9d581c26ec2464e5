import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import type { AuditEntry, AuditList } from "./index.ts";

describe("the audit trail records changes made through the API", () => {
  let t: TestApp;
  let officer: TestSession;
  let officerOrganization: string;
  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.signIn({ role: "secretariat", organization: "OAS-DPS" });
    const organization = await t.handle.db
      .selectFrom("organizations")
      .select("id")
      .where("code", "=", "OAS-DPS")
      .executeTakeFirstOrThrow();
    officerOrganization = organization.id;
  });
  afterAll(async () => t.close());

  it("records a create and an update with the values before and after, the request id and the client", async () => {
    const created = await officer.request<{ id: string; version: number }>({
      method: "POST",
      headers: { "x-request-id": "audit-create-0001" },
      url: "/api/organizations",
      payload: { code: "IDB", kind: "international_org", name: { es: "BID", en: "IDB" } },
    });
    expect(created.status).toBe(201);
    const patched = await officer.request({
      method: "PATCH",
      headers: { "x-request-id": "audit-update-0002" },
      url: "/api/organizations/IDB",
      payload: { version: 1, acronym: "BID" },
    });
    expect(patched.status).toBe(200);

    const history = await t.request<AuditList>({
      method: "GET",
      url: `/api/audit?entity_type=organizations&entity_id=${created.body.id}`,
    });
    expect(history.status).toBe(200);
    const oldestFirst = [...history.body.data].reverse();
    expect(oldestFirst.map((e) => [e.action, e.request_id])).toEqual([
      ["insert", "audit-create-0001"],
      ["update", "audit-update-0002"],
    ]);
    const [insert, update] = oldestFirst as [AuditEntry, AuditEntry];
    expect(insert).toMatchObject({
      entity_type: "organizations",
      entity_id: created.body.id,
      actor: officer.email,
      actor_user_id: officer.userId,
      organization_id: officerOrganization,
      client_address: "127.0.0.1",
      before: null,
      after: { code: "IDB", acronym: null, version: 1 },
    });
    expect(update.before).toMatchObject({ acronym: null, version: 1 });
    expect(update.after).toMatchObject({ acronym: "BID", version: 2 });
    expect(update.prev_hash).toBe(insert.hash);
    expect(Date.parse(update.at)).toBeGreaterThanOrEqual(Date.parse(insert.at));
    expect(update.at).toMatch(/Z$/);
  });

  it("records a ledger entry posted through the API", async () => {
    const component = await t.handle.db
      .insertInto("strategy_components")
      .values({ code: "B", name_en: "Violence prevention", name_es: "Prevención" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const partner = await t.request<{ id: string }>({
      method: "POST",
      url: "/api/organizations",
      payload: { code: "ES", kind: "partner_government", name: { es: "España", en: "Spain" } },
    });
    const flow = await officer.request<{ id: string }>({
      method: "POST",
      headers: { "x-request-id": "audit-flow-0003" },
      url: "/api/flows",
      payload: {
        flow_type: "offer",
        support_kind: "technical",
        partner_id: partner.body.id,
        component_id: component.id,
        description: "Forensic laboratory training",
        value_date: "2011-06-22",
      },
    });
    expect(flow.status).toBe(201);
    const found = await t.request<AuditList>({
      method: "GET",
      url: "/api/audit?entity_type=support_flows&action=insert",
    });
    expect(found.body.data).toHaveLength(1);
    expect(found.body.data[0]).toMatchObject({
      entity_id: flow.body.id,
      request_id: "audit-flow-0003",
      after: { description: "Forensic laboratory training", partner_id: partner.body.id },
    });
  });

  it("filters the list by entity, actor, action and time, newest first", async () => {
    const all = await t.request<AuditList>({ method: "GET", url: "/api/audit?limit=500" });
    expect(all.status).toBe(200);
    const seqs = all.body.data.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.body.page.total).toBe(all.body.data.length);

    const updates = await t.request<AuditList>({
      method: "GET",
      url: `/api/audit?action=update&actor=${encodeURIComponent(officer.email)}`,
    });
    expect(updates.body.data.map((e) => e.request_id)).toEqual(["audit-update-0002"]);

    const future = await t.request<AuditList>({ method: "GET", url: "/api/audit?from=2100-12-31" });
    expect(future.body.page.total).toBe(0);
    // Dates stay within 1900–2100: a later one is refused, naming the parameter.
    const beyond = await t.request<{ error: { details: Array<{ path: string }> } }>({
      method: "GET",
      url: "/api/audit?from=2999-01-01",
    });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error.details.map((d) => d.path)).toContain("query.from");
    for (const instant of ["0000-01-01T00:00:00Z", "2101-01-01T00:00:00+00:00"]) {
      const refused = await t.request({
        method: "GET",
        url: `/api/audit?to=${encodeURIComponent(instant)}`,
      });
      expect(refused.status, instant).toBe(400);
    }
    const past = await t.request<AuditList>({
      method: "GET",
      url: `/api/audit?to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    });
    expect(past.body.page.total).toBe(all.body.page.total);

    const bad = await t.request<{ error: { details: Array<{ path: string }> } }>({
      method: "GET",
      url: "/api/audit?action=DROP%20TABLE",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path)).toContain("query.action.0");
  });

  it("shows the trail to the secretariat and administrators only", async () => {
    const anonymous = await t.anonymous({ method: "GET", url: "/api/audit" });
    expect(anonymous.status).toBe(401);
    const partner = await t.signIn({ role: "partner", organization: "ES" });
    const refused = await partner.request({ method: "GET", url: "/api/audit/organizations/ES" });
    expect(refused.status).toBe(403);
    const allowed = await officer.request<AuditList>({ method: "GET", url: "/api/audit?limit=1" });
    expect(allowed.status).toBe(200);
    expect(allowed.body.data).toHaveLength(1);
  });
});
