import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishFieldLabel } from "../../src/contracts/field-labels.ts";
import { createTestApp, type TestApp } from "../support/app.ts";

interface ErrorShape {
  error: {
    code: string;
    message: string;
    details: Array<{ path: string; message: string; rule?: { code: string } }>;
  };
}

describe("request limits: input PostgreSQL cannot take is refused at the door", () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => t.close());

  const refusedNul = (response: { status: number; body: unknown }, path: string) => {
    expect(response.status, path).toBe(400);
    const { error } = response.body as ErrorShape;
    expect(error.code).toBe("validation_failed");
    // People read the field's label where it has one ("Name (Spanish)"), else its path.
    const label = englishFieldLabel(path);
    expect(error.message).toBe(`${label ?? path}: must not contain a NUL character (\\u0000)`);
    expect(error.details).toEqual([
      {
        path,
        ...(label ? { label } : {}),
        message: "must not contain a NUL character (\\u0000)",
        rule: { code: "nul_character" },
      },
    ]);
  };

  it("refuses a NUL in the query string or the path of any read, anonymously, naming it", async () => {
    for (const [url, path] of [
      ["/api/initiatives?q=a%00b", "query.q"],
      ["/api/organizations?q=%00", "query.q"],
      ["/api/audit?actor=x%00", "query.actor"],
      ["/api/flows?partner_id=%00", "query.partner_id"],
      ["/api/funding/summary?by=country&country=G%00T", "query.country"],
      ["/api/initiatives/AC%001", "path.id"],
      ["/api/organizations?a%00=1", "query.a\\u0000"],
    ] as const) {
      const response = await t.anonymous({ method: "GET", url });
      refusedNul(response, path);
    }
  });

  it("refuses a NUL anywhere in a JSON body, naming the field, after the caller is known", async () => {
    const organization = (payload: Record<string, unknown>) =>
      t.request({ method: "POST", url: "/api/organizations", payload });
    refusedNul(
      await organization({
        code: "X1",
        kind: "partner_government",
        name: { es: "a\u0000", en: "b" },
      }),
      "name.es",
    );
    refusedNul(await organization({ code: "X\u00001" }), "code");
    refusedNul(await organization({ tags: ["ok", "n\u0000"] }), "tags.1");
    // The public is still told to sign in, not about the body.
    const anonymous = await t.anonymous({
      method: "POST",
      url: "/api/organizations",
      payload: { code: "\u0000" },
    });
    expect(anonymous.status).toBe(401);
    const list = await t.request<{ page: { total: number } }>({
      method: "GET",
      url: "/api/organizations",
    });
    expect(list.status).toBe(200);
  });

  it("answers a URL over 8 KB with 414 and one over Node's 16 KB header limit with 431, both in the error shape", async () => {
    const viaApp = await t.anonymous<ErrorShape>({
      method: "GET",
      url: `/api/initiatives?q=${"a".repeat(9000)}`,
    });
    expect(viaApp.status).toBe(414);
    expect(viaApp.body.error.code).toBe("uri_too_long");
    for (const [length, status, code] of [
      [9_000, 414, "uri_too_long"],
      [20_000, 431, "headers_too_large"],
      [70_000, 431, "headers_too_large"],
    ] as const) {
      const response = await fetch(`${base}/api/initiatives?q=${"a".repeat(length)}`);
      expect(response.status, String(length)).toBe(status);
      expect(response.headers.get("content-type")).toContain("application/json");
      const body = (await response.json()) as ErrorShape;
      expect(body.error).toMatchObject({ code, details: [] });
      expect(body.error.message).toMatch(/8192/);
    }
    const fine = await fetch(`${base}/api/initiatives?q=${"a".repeat(50)}`);
    expect(fine.status).toBe(200);
  });
});
