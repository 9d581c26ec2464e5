import { TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_PASSWORD, type TestApp } from "../../../test/support/app.ts";

const cookieOf = (setCookie: unknown) => String(setCookie).split(";")[0] ?? "";

describe("sessions", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const login = (
    email: string,
    password = TEST_PASSWORD,
    extra: Record<string, string> = {},
    cookie?: string,
  ) =>
    t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password, ...extra },
      ...(cookie && { headers: { cookie } }),
    });
  const me = async (cookie: string) =>
    (
      await t.anonymous<{ user: { email: string } | null }>({
        method: "GET",
        url: "/api/auth/me",
        headers: { cookie },
      })
    ).body.user;

  it("issues a fresh HttpOnly, SameSite=Lax session id at every login, ignoring one the client brings (no fixation)", async () => {
    const user = await t.signIn({ role: "focal_point", organization: "GT" });
    const planted = "esca_session=attacker-chosen-value";
    const response = await login(user.email, TEST_PASSWORD, {}, planted);
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const fresh = cookieOf(setCookie);
    expect(fresh).not.toBe(planted);
    expect(fresh).not.toBe(user.cookie);
    expect(await me(planted)).toBeNull();
    expect((await me(fresh))?.email).toBe(user.email);
  });

  it("ends the session at logout: the old cookie no longer works", async () => {
    const user = await t.signIn({ role: "partner", organization: "IDB" });
    expect((await me(user.cookie))?.email).toBe(user.email);
    expect((await user.request({ method: "POST", url: "/api/auth/logout" })).status).toBe(200);
    expect(await me(user.cookie)).toBeNull();
    const write = await user.request({
      method: "POST",
      url: "/api/tokens",
      payload: { name: "x", scopes: ["read"] },
    });
    expect(write.status).toBe(401);
  });

  it("ends every session of a user the moment the account is disabled", async () => {
    const user = await t.signIn({ role: "focal_point", organization: "HN" });
    const second = await login(user.email);
    const secondCookie = cookieOf(second.headers["set-cookie"]);
    const disabled = await t.request({
      method: "PATCH",
      url: `/api/users/${user.userId}`,
      payload: { active: false },
    });
    expect(disabled.status).toBe(200);
    expect(await me(user.cookie)).toBeNull();
    expect(await me(secondCookie)).toBeNull();
    expect((await login(user.email)).statusCode).toBe(401);
  });

  it("refuses a cookie-authenticated write without the CSRF token, or with a wrong one", async () => {
    const user = await t.signIn({ role: "partner", organization: "ESP" });
    const payload = { name: "csrf", scopes: ["read"] };
    const missing = await t.anonymous<{ error: { code: string } }>({
      method: "POST",
      url: "/api/tokens",
      payload,
      headers: { cookie: user.cookie },
    });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe("forbidden");
    const wrong = await t.anonymous({
      method: "POST",
      url: "/api/tokens",
      payload,
      headers: { cookie: user.cookie, "x-csrf-token": "x".repeat(user.csrfToken.length) },
    });
    expect(wrong.status).toBe(403);
    expect((await user.request({ method: "POST", url: "/api/tokens", payload })).status).toBe(201);
  });

  it("makes failed logins wait longer and longer, per account, and records them", async () => {
    const user = await t.signIn({ role: "partner", organization: "CAN" });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await login(user.email, "wrong password entirely")).statusCode);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toContain(429);
    const blocked = await login(user.email);
    expect(blocked.statusCode).toBe(429);
    expect(JSON.parse(blocked.body).error.message).toMatch(/try again in \d+ seconds?/);
    const audit = await t.request<{ data: Array<{ action: string }> }>({
      method: "GET",
      url: "/api/audit?action=login_failed",
    });
    expect(audit.body.data.length).toBeGreaterThanOrEqual(3);
  });

  it("asks for the TOTP code once two-factor authentication is on", async () => {
    const user = await t.signIn({ role: "focal_point", organization: "PA" });
    const setup = await user.request<{ secret: string; otpauth_uri: string }>({
      method: "POST",
      url: "/api/auth/totp/setup",
    });
    expect(setup.body.otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
    const totp = new TOTP({ secret: setup.body.secret });
    expect(
      (
        await user.request({
          method: "POST",
          url: "/api/auth/totp/enable",
          payload: { code: "000000" },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await user.request({
          method: "POST",
          url: "/api/auth/totp/enable",
          payload: { code: totp.generate() },
        })
      ).status,
    ).toBe(200);
    const withoutCode = await login(user.email);
    expect(withoutCode.statusCode).toBe(401);
    expect(JSON.parse(withoutCode.body).error.code).toBe("totp_required");
    // The code that turned it on is used; the next step's code (accepted for clock drift) is not.
    const next = totp.generate({ timestamp: Date.now() + 30_000 });
    expect((await login(user.email, TEST_PASSWORD, { totp: next })).statusCode).toBe(200);
  });

  it("refuses short and common passwords, naming the field", async () => {
    for (const password of ["short", "password1234", "qwertyuiop123"]) {
      const refused = await t.request<{ error: { details: Array<{ path: string }> } }>({
        method: "POST",
        url: "/api/users",
        payload: {
          email: `weak${password.length}@test.esca-hub.org`,
          name: "Weak",
          organization: "GT",
          role: "focal_point",
          password,
        },
      });
      expect(refused.status, password).toBe(400);
      expect(refused.body.error.details[0]?.path).toBe("password");
    }
  });
});
