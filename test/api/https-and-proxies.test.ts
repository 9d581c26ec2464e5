import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SecureCookies } from "../../src/platform/config.ts";
import { defaultSecurity } from "../../src/platform/http/auth.ts";
import { createTestApp, TEST_PASSWORD, type TestApp } from "../support/app.ts";

const PROXY = "10.0.0.5";
const OUTSIDER = "203.0.113.9";
const HSTS = "max-age=31536000; includeSubDomains";

/** A sign-in's answer: its status, its cookie header and whether HSTS came with it. */
async function login(t: TestApp, email: string, request: Partial<InjectOptions> = {}) {
  const response = await t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password: TEST_PASSWORD },
    ...request,
  });
  return {
    status: response.statusCode,
    cookie: String(response.headers["set-cookie"] ?? ""),
    hsts: response.headers["strict-transport-security"],
  };
}

const viaProxy = (proto: string) => ({
  remoteAddress: PROXY,
  headers: { "x-forwarded-proto": proto },
});

describe("HTTPS behind a trusted proxy", () => {
  let t: TestApp;
  let email: string;
  beforeAll(async () => {
    t = await createTestApp({ trustProxy: ["10.0.0.0/8"] });
    email = (await t.signIn({ role: "secretariat", organization: "SICA-DSD", kind: "sica_body" }))
      .email;
  });
  afterAll(async () => t.close());

  it("sets a Secure __Host- cookie and HSTS when the trusted proxy says https", async () => {
    const signedIn = await login(t, email, viaProxy("https"));
    expect(signedIn.status).toBe(200);
    expect(signedIn.cookie).toMatch(/^__Host-esca_session=[^;]+;/);
    expect(signedIn.cookie).toMatch(/; Secure/);
    expect(signedIn.cookie).toMatch(/; HttpOnly/);
    expect(signedIn.cookie).toMatch(/; Path=\//);
    expect(signedIn.hsts).toBe(HSTS);
    const cookie = signedIn.cookie.split(";")[0] ?? "";
    const me = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      ...viaProxy("https"),
      headers: { ...viaProxy("https").headers, cookie },
    });
    expect(me.json().user?.email).toBe(email);
    // Over plain HTTP the Secure cookie is not this request's session cookie.
    const overHttp = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      remoteAddress: PROXY,
      headers: { cookie },
    });
    expect(overHttp.json().user).toBeNull();
    expect(overHttp.headers["strict-transport-security"]).toBeUndefined();
  });

  it("clears the __Host- cookie, Secure, on sign-out over https", async () => {
    const signedIn = await login(t, email, viaProxy("https"));
    const csrf = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      ...viaProxy("https"),
      headers: { ...viaProxy("https").headers, cookie: signedIn.cookie.split(";")[0] ?? "" },
    });
    const out = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      remoteAddress: PROXY,
      headers: {
        "x-forwarded-proto": "https",
        cookie: signedIn.cookie.split(";")[0] ?? "",
        "x-csrf-token": csrf.json().csrf_token,
      },
    });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers["set-cookie"])).toMatch(/^__Host-esca_session=;.*; Secure/);
  });

  it.each([
    ["the trusted proxy says http", viaProxy("http")],
    ["the trusted proxy says nothing", { remoteAddress: PROXY, headers: {} }],
    [
      "an untrusted peer claims https",
      { remoteAddress: OUTSIDER, headers: { "x-forwarded-proto": "https" } },
    ],
    ["a local peer claims https", { headers: { "x-forwarded-proto": "https" } }],
  ])("sets a plain cookie and no HSTS when %s", async (_, request) => {
    const signedIn = await login(t, email, request);
    expect(signedIn.status).toBe(200);
    expect(signedIn.cookie).toMatch(/^esca_session=/);
    expect(signedIn.cookie).not.toMatch(/Secure/);
    expect(signedIn.hsts).toBeUndefined();
  });

  it("throttles and audits the client the trusted proxy names, not the proxy", async () => {
    // Earlier sign-ins through the proxy leave its own address's count (given back, at 0).
    await t.handle.db.deleteFrom("login_throttle").execute();
    const fail = (request: Partial<InjectOptions>) =>
      t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: `nobody.${Math.random()}@test.esca-hub.org`, password: "wrong-password" },
        ...request,
      });
    // The proxy appends the peer it saw: what the client wrote before that is not believed.
    expect(
      (
        await fail({
          remoteAddress: PROXY,
          headers: { "x-forwarded-for": "192.0.2.1, 198.51.100.7" },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await fail({ remoteAddress: OUTSIDER, headers: { "x-forwarded-for": "198.51.100.8" } }))
        .statusCode,
    ).toBe(401);
    const keys = (await t.handle.db.selectFrom("login_throttle").select("key").execute()).map(
      (row) => row.key,
    );
    expect(keys).toContain("ip:198.51.100.7");
    expect(keys).toContain(`ip:${OUTSIDER}`);
    for (const absent of [PROXY, "192.0.2.1", "198.51.100.8"])
      expect(keys).not.toContain(`ip:${absent}`);
    const audited = await t.handle.db
      .selectFrom("audit_log")
      .select("client_address")
      .where("action", "=", "login_failed")
      .execute();
    expect(audited.map((row) => row.client_address).sort()).toEqual(["198.51.100.7", OUTSIDER]);
  });

  it("blocks one forwarded address after its free failures, not the others behind the proxy", async () => {
    await t.handle.db.deleteFrom("login_throttle").execute();
    const from = (client: string) => ({
      remoteAddress: PROXY,
      headers: { "x-forwarded-for": client },
    });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 22; attempt++) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: `someone.${attempt}@test.esca-hub.org`, password: "wrong-password" },
        ...from("198.51.100.20"),
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.at(-1)).toBe(429);
    expect((await login(t, email, from("198.51.100.21"))).status).toBe(200);
  });
});

describe.each([
  ["no proxy is configured", undefined, "auto" as SecureCookies],
  ["ESCA_SECURE_COOKIES=false", ["10.0.0.0/8"], false as SecureCookies],
])("when %s", (_, trustProxy, secureCookies) => {
  let t: TestApp;
  let email: string;
  beforeAll(async () => {
    t = await createTestApp({
      ctx: { security: { ...defaultSecurity, secureCookies } },
      ...(trustProxy && { trustProxy }),
    });
    email = (await t.signIn({ role: "secretariat", organization: "SICA-DSD", kind: "sica_body" }))
      .email;
  });
  afterAll(async () => t.close());

  it("sets a plain cookie whatever the peer claims", async () => {
    const signedIn = await login(t, email, viaProxy("https"));
    expect(signedIn.status).toBe(200);
    expect(signedIn.cookie).toMatch(/^esca_session=/);
    expect(signedIn.cookie).not.toMatch(/Secure/);
  });

  if (!trustProxy)
    it("sends no HSTS and throttles the peer, ignoring X-Forwarded-For", async () => {
      const signedIn = await login(t, email, viaProxy("https"));
      expect(signedIn.hsts).toBeUndefined();
      const failed = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "nobody@test.esca-hub.org", password: "wrong-password" },
        remoteAddress: PROXY,
        headers: { "x-forwarded-for": "198.51.100.7" },
      });
      expect(failed.statusCode).toBe(401);
      const keys = (await t.handle.db.selectFrom("login_throttle").select("key").execute()).map(
        (row) => row.key,
      );
      expect(keys).toContain(`ip:${PROXY}`);
      expect(keys).not.toContain("ip:198.51.100.7");
    });
});

describe("ESCA_SECURE_COOKIES=true", () => {
  let t: TestApp;
  let email: string;
  beforeAll(async () => {
    t = await createTestApp({ ctx: { security: { ...defaultSecurity, secureCookies: true } } });
    email = `${(await t.signIn({ role: "secretariat", organization: "SICA-DSD", kind: "sica_body" })).email}`;
  });
  afterAll(async () => t.close());

  it("sets a Secure __Host- cookie even on a plain HTTP request, without HSTS there", async () => {
    const signedIn = await login(t, email);
    expect(signedIn.status).toBe(200);
    expect(signedIn.cookie).toMatch(/^__Host-esca_session=[^;]+;.*; Secure/);
    expect(signedIn.hsts).toBeUndefined();
  });
});
