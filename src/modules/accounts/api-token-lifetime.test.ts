import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestSession,
} from "../../../test/support/app.ts";
import type { Role } from "../../contracts/roles.ts";

/**
 * A token acts with the role and organization its user had when it was made, never more than
 * the user has now, and ends when the account is disabled, its role or organization changes,
 * or its password is changed or reset.
 */
describe("an API token's lifetime", () => {
  let t: TestApp;
  let componentId: string;
  beforeAll(async () => {
    t = await createTestApp();
    componentId = (
      await t.request<{ id: string }>({
        method: "POST",
        url: "/api/components",
        payload: { code: "A", name: { es: "A", en: "A" } },
      })
    ).body.id;
  });
  afterAll(async () => t.close());

  const organizationId = async (code: string, kind = "international_org") => {
    const found = await t.request<{ id: string }>({
      method: "GET",
      url: `/api/organizations/${code}`,
    });
    if (found.status === 200) return found.body.id;
    const created = await t.request<{ id: string }>({
      method: "POST",
      url: "/api/organizations",
      payload: { code, kind, name: { es: code, en: code } },
    });
    return created.body.id;
  };
  const tokenOf = async (user: TestSession, scopes: string[] = ["flows:write"]) => {
    const created = await user.request<{ id: string; token: string }>({
      method: "POST",
      url: "/api/tokens",
      payload: { name: "pipeline", scopes, expires_in_days: 30 },
    });
    expect(created.status).toBe(201);
    return created.body;
  };
  /** A pledge recorded with the token for that partner: 201, or the refusal's status. */
  const recordPledge = async (token: string, partnerId: string) =>
    (
      await t.anonymous({
        method: "POST",
        url: "/api/flows",
        headers: { authorization: `Bearer ${token}` },
        payload: {
          flow_type: "pledge",
          support_kind: "financial",
          partner_id: partnerId,
          component_id: componentId,
          value: { amount: "10.00", currency: "USD" },
          value_date: "2011-06-22",
        },
      })
    ).status;
  const flowsOf = async (partnerId: string) => {
    const { n } = await t.handle.db
      .selectFrom("support_flows")
      .select((eb) => eb.fn.countAll<bigint>().as("n"))
      .where("partner_id", "=", partnerId)
      .executeTakeFirstOrThrow();
    return Number(n);
  };
  const revokedAt = async (tokenId: string) =>
    (
      await t.handle.db
        .selectFrom("api_tokens")
        .select("revoked_at")
        .where("id", "=", tokenId)
        .executeTakeFirstOrThrow()
    ).revoked_at;
  const patchUser = (user: TestSession, payload: Record<string, unknown>) =>
    t.request({ method: "PATCH", url: `/api/users/${user.userId}`, payload });

  it("ends when a partner becomes secretariat: it never records a flow for another partner", async () => {
    const user = await t.signIn({ role: "partner", organization: "CICTE", kind: "oas_body" });
    const own = await organizationId("CICTE");
    const worldBank = await organizationId("WB");
    const token = await tokenOf(user);
    expect(await recordPledge(token.token, own)).toBe(201);
    expect(await recordPledge(token.token, worldBank)).toBe(403);

    expect((await patchUser(user, { role: "secretariat" })).status).toBe(200);
    expect(await recordPledge(token.token, worldBank)).toBe(401);
    expect(await recordPledge(token.token, own)).toBe(401);
    expect(await flowsOf(worldBank)).toBe(0);
    expect(await revokedAt(token.id)).toBeInstanceOf(Date);
  });

  it("ends when the account is disabled, and stays ended when it is enabled again", async () => {
    const user = await t.signIn({ role: "partner", organization: "IDB" });
    const own = await organizationId("IDB");
    const token = await tokenOf(user);
    expect(await recordPledge(token.token, own)).toBe(201);
    expect((await patchUser(user, { active: false })).status).toBe(200);
    expect(await recordPledge(token.token, own)).toBe(401);
    expect((await patchUser(user, { active: true })).status).toBe(200);
    expect(await recordPledge(token.token, own)).toBe(401);
  });

  it("ends when the user moves to another organization", async () => {
    const user = await t.signIn({ role: "partner", organization: "EU" });
    const before = await organizationId("EU");
    const after = await organizationId("UNDP");
    const token = await tokenOf(user);
    expect((await patchUser(user, { organization: "UNDP" })).status).toBe(200);
    expect(await recordPledge(token.token, after)).toBe(401);
    expect(await recordPledge(token.token, before)).toBe(401);
    expect(await revokedAt(token.id)).toBeInstanceOf(Date);
  });

  it("ends when the user changes their password; the session that changed it goes on", async () => {
    const user = await t.signIn({ role: "partner", organization: "JICA" });
    const own = await organizationId("JICA");
    const token = await tokenOf(user);
    const changed = await user.request({
      method: "POST",
      url: "/api/auth/password",
      payload: { current_password: TEST_PASSWORD, new_password: "Fresh-Managua-lakeshore-2011" },
    });
    expect(changed.status).toBe(200);
    expect(await recordPledge(token.token, own)).toBe(401);
    const listed = await user.request<{ data: Array<{ id: string; revoked_at: string | null }> }>({
      method: "GET",
      url: "/api/tokens",
    });
    expect(listed.status).toBe(200);
    expect(listed.body.data.find((row) => row.id === token.id)?.revoked_at).not.toBeNull();
  });

  it("ends when the secretariat resets the password", async () => {
    const user = await t.signIn({ role: "partner", organization: "USAID" });
    const own = await organizationId("USAID");
    const token = await tokenOf(user);
    const reset = await t.request({
      method: "POST",
      url: `/api/users/${user.userId}/reset-password`,
    });
    expect(reset.status).toBe(200);
    expect(await recordPledge(token.token, own)).toBe(401);
  });

  it("outlives changes that leave its role and organization as they were", async () => {
    const user = await t.signIn({ role: "partner", organization: "AECID" });
    const own = await organizationId("AECID");
    const token = await tokenOf(user);
    expect(
      (await patchUser(user, { name: "Renamed", role: "partner", organization: "AECID" })).status,
    ).toBe(200);
    expect(await recordPledge(token.token, own)).toBe(201);
    expect(await revokedAt(token.id)).toBeNull();
  });

  it("never acts beyond the role it was made under nor the user's present one, even where a change skipped revocation", async () => {
    const user = await t.signIn({ role: "partner", organization: "OAS-SMS", kind: "oas_body" });
    const own = await organizationId("OAS-SMS");
    const other = await organizationId("GIZ");
    const token = await tokenOf(user);
    // A partner's token records its own organization's flows, never another's.
    expect(await recordPledge(token.token, other)).toBe(403);
    const setRole = (role: Role) =>
      t.handle.db.updateTable("users").set({ role }).where("id", "=", user.userId).execute();

    // Raised behind the application's back: the token still acts as nothing more.
    await setRole("secretariat");
    expect(await recordPledge(token.token, other)).toBe(401);
    expect(await recordPledge(token.token, own)).toBe(401);
    // Back to what it was made under: it acts again, as a partner.
    await setRole("partner");
    expect(await recordPledge(token.token, own)).toBe(201);
    expect(await recordPledge(token.token, other)).toBe(403);
  });

  it("does not act for a user whose role needs a second factor they have not set up", async () => {
    const user = await t.signIn({
      role: "secretariat",
      organization: "SICA-DSD",
      kind: "sica_body",
    });
    const partner = await organizationId("KOICA");
    const token = await tokenOf(user);
    expect(await recordPledge(token.token, partner)).toBe(201);
    // No longer a demo account: the secretariat's role now requires TOTP, which is not on.
    await t.handle.db
      .updateTable("users")
      .set({ is_demo: false })
      .where("id", "=", user.userId)
      .execute();
    expect(await recordPledge(token.token, partner)).toBe(401);
  });
});
