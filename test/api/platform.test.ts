import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";

describe("the HTTP platform", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("answers health and readiness", async () => {
    expect((await t.request({ method: "GET", url: "/api/health" })).body).toEqual({ status: "ok" });
    const ready = await t.request<{ status: string; database: string }>({
      method: "GET",
      url: "/api/ready",
    });
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: "ready", database: t.handle.backend });
  });

  it("describes every API route in OpenAPI 3.1, generated from the route schemas", async () => {
    const doc = await t.request<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>({ method: "GET", url: "/api/openapi.json" });
    expect(doc.body.openapi).toBe("3.1.0");
    const documented = new Set(
      Object.entries(doc.body.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const apiRoutes = t.app.routeTable.filter(
      (r) => r.url.startsWith("/api/") && !r.url.startsWith("/api/docs") && !r.hidden,
    );
    expect(apiRoutes.length).toBeGreaterThan(10);
    for (const route of apiRoutes) {
      expect(documented).toContain(`${route.method} ${route.url.replace(/:(\w+)/g, "{$1}")}`);
    }
    for (const expected of [
      "GET /api/organizations",
      "POST /api/organizations",
      "PATCH /api/organizations/{id}",
      "POST /api/exchange-rates/import",
      "GET /api/funding/summary",
      "POST /api/flows",
      "GET /api/initiatives",
      "POST /api/initiatives/{id}/transitions",
    ]) {
      expect(documented).toContain(expected);
    }
    const docs = await t.app.inject({ method: "GET", url: "/api/docs/" });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers["content-type"]).toContain("text/html");
  });

  it("answers unknown routes and bodies that are not JSON with the one error shape", async () => {
    const missing = await t.request<{ error: { code: string; message: string } }>({
      method: "GET",
      url: "/api/nothing-here",
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
    const broken = await t.request<{
      error: { code: string; message: string; details: unknown[] };
    }>({
      method: "POST",
      url: "/api/organizations",
      headers: { "content-type": "application/json" },
      payload: "{ not json",
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({
      code: "validation_failed",
      message: "The request body is not valid JSON.",
    });
  });

  it("echoes a request id and never leaks a stack", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/organizations?limit=0" });
    expect(response.headers["x-request-id"]).toBeTruthy();
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe("strict request bodies", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("names every unknown field as its own path", async () => {
    const response = await t.request<{
      error: { details: Array<{ path: string; message: string; rule?: { code: string } }> };
    }>({
      method: "POST",
      url: "/api/organizations",
      payload: {
        code: "IDB",
        kind: "international_org",
        name: { es: "BID", en: "IDB" },
        colour: "blue",
        extra: 1,
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      {
        path: "colour",
        message: "is not a field this request accepts",
        rule: { code: "unknown_field" },
      },
      {
        path: "extra",
        message: "is not a field this request accepts",
        rule: { code: "unknown_field" },
      },
    ]);
  });
});
