import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";

describe("API tokens for partners' systems", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.request({
      method: "POST",
      url: "/api/components",
      payload: { code: "A", name: { es: "A", en: "A" } },
    });
  });
  afterAll(async () => t.close());

  it("is shown once, works only within its scopes and organization, and stops at revocation", async () => {
    const partner = await t.signIn({ role: "partner", organization: "IDB" });
    const created = await partner.request<{ id: string; token: string; prefix: string }>({
      method: "POST",
      url: "/api/tokens",
      payload: { name: "IATI pipeline", scopes: ["flows:write"], expires_in_days: 30 },
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(new RegExp(`^esca_${created.body.prefix}_`));
    const listed = await partner.request<{ data: Array<Record<string, unknown>> }>({
      method: "GET",
      url: "/api/tokens",
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    const bearer = { authorization: `Bearer ${created.body.token}` };
    const component = (await t.request<{ id: string }>({ method: "GET", url: "/api/components/A" }))
      .body.id;
    const partnerId = (
      await t.request<{ id: string }>({ method: "GET", url: "/api/organizations/IDB" })
    ).body.id;
    const otherId = (
      await t.request<{ id: string }>({
        method: "POST",
        url: "/api/organizations",
        payload: { code: "ESP", kind: "partner_government", name: { es: "España", en: "Spain" } },
      })
    ).body.id;
    const flow = (partner_id: string) => ({
      flow_type: "pledge",
      support_kind: "financial",
      partner_id,
      component_id: component,
      value: { amount: "10.00", currency: "USD" },
      value_date: "2011-06-22",
    });

    const own = await t.anonymous({
      method: "POST",
      url: "/api/flows",
      headers: bearer,
      payload: flow(partnerId),
    });
    expect(own.status).toBe(201);
    const foreign = await t.anonymous({
      method: "POST",
      url: "/api/flows",
      headers: bearer,
      payload: flow(otherId),
    });
    expect(foreign.status).toBe(403);
    const outOfScope = await t.anonymous<{ error: { message: string } }>({
      method: "POST",
      url: "/api/tokens",
      headers: bearer,
      payload: { name: "x", scopes: ["read"] },
    });
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.body.error.message).toContain("not an API token");

    expect(
      (await partner.request({ method: "DELETE", url: `/api/tokens/${created.body.id}` })).status,
    ).toBe(200);
    const revoked = await t.anonymous({
      method: "POST",
      url: "/api/flows",
      headers: bearer,
      payload: flow(partnerId),
    });
    expect(revoked.status).toBe(401);
  });

  it("refuses an unknown token outright", async () => {
    const response = await t.anonymous({
      method: "GET",
      url: "/api/flows",
      headers: { authorization: "Bearer esca_00000000_nothing" },
    });
    expect(response.status).toBe(401);
  });
});
