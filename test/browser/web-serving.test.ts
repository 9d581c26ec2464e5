import { readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultWebRoot } from "../../src/platform/http/web.ts";
import { ensureWebBuilt } from "../../src/web/build/ensure-built.ts";
import { createTestApp, type TestApp } from "../support/app.ts";

describe("the server serves the built web application", () => {
  let t: TestApp;
  beforeAll(async () => {
    await ensureWebBuilt(() => {});
    t = await createTestApp();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("answers client routes with index.html, never cached, so links can be shared", async () => {
    for (const url of ["/", "/initiatives?component=B&lang=en", "/countries/GT", "/workspace"]) {
      const response = await t.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"]).toContain("text/html");
      expect(response.headers["cache-control"]).toBe("no-cache");
      expect(response.body).toContain('<div id="root"></div>');
    }
  });

  it("caches hashed assets for a year and compresses them", async () => {
    const entry = readdirSync(join(defaultWebRoot, "assets")).find(
      (name) => name.startsWith("index-") && name.endsWith(".js"),
    );
    expect(entry).toBeDefined();
    const response = await t.app.inject({
      method: "GET",
      url: `/assets/${entry}`,
      headers: { "accept-encoding": "gzip" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(response.rawPayload).length).toBeGreaterThan(response.rawPayload.length);
  });

  it("keeps the API's JSON 404 for unknown /api paths and missing assets", async () => {
    for (const url of ["/api/nothing-here", "/assets/missing-123.js"]) {
      const response = await t.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: "not_found" } });
    }
    const api = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(api.statusCode).toBe(200);
  });
});
