import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";

describe("no lost updates", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.request({
      method: "POST",
      url: "/api/organizations",
      payload: { code: "IDB", kind: "international_org", name: { es: "BID", en: "IDB" } },
    });
  });
  afterAll(async () => t.close());

  it("two editors load the same version; the second save gets 409 with the current record", async () => {
    const first = await t.signIn({
      role: "secretariat",
      organization: "SICA-DSD",
      kind: "sica_body",
    });
    const second = await t.signIn({
      role: "secretariat",
      organization: "SICA-DSD",
      kind: "sica_body",
    });
    const loadedByFirst = await first.request<{ version: number }>({
      method: "GET",
      url: "/api/organizations/IDB",
    });
    const loadedBySecond = await second.request<{ version: number }>({
      method: "GET",
      url: "/api/organizations/IDB",
    });
    expect(loadedByFirst.headers.etag).toBe(`"${loadedByFirst.body.version}"`);
    const saved = await first.request({
      method: "PATCH",
      url: "/api/organizations/IDB",
      payload: { version: loadedByFirst.body.version, acronym: "BID" },
    });
    expect(saved.status).toBe(200);
    const lost = await second.request<{
      error: { code: string; context: { current_version: number; current: { acronym: string } } };
    }>({
      method: "PATCH",
      url: "/api/organizations/IDB",
      headers: { "if-match": String(loadedBySecond.headers.etag) },
      payload: { acronym: "IADB" },
    });
    expect(lost.status).toBe(409);
    expect(lost.body.error.code).toBe("conflict");
    expect(lost.body.error.context.current_version).toBe(loadedBySecond.body.version + 1);
    expect(lost.body.error.context.current.acronym).toBe("BID");
    const now = await t.request<{ acronym: string }>({
      method: "GET",
      url: "/api/organizations/IDB",
    });
    expect(now.body.acronym).toBe("BID");
  });

  it("sends security headers with a strict Content-Security-Policy", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
  });
});
