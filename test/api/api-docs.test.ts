import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";

/**
 * The docs page's own scripts, run as a browser would on that page's address: the URL of the
 * description Swagger UI is started with.
 */
function descriptionUrlOf(initializer: string, pageUrl: string): string {
  let config: { url?: string } = {};
  const SwaggerUIBundle = Object.assign(
    (options: { url?: string }) => {
      config = options;
      return { initOAuth: () => undefined };
    },
    { presets: { apis: {} }, plugins: { DownloadUrl: {} } },
  );
  const window: { location: URL; onload?: () => void } = { location: new URL(pageUrl) };
  // An anchor resolves its href as a browser's does (the package's own initializer uses one).
  const document = {
    createElement: () => {
      let href = "";
      return {
        set href(value: string) {
          href = new URL(value, window.location).href;
        },
        get href() {
          return href;
        },
      };
    },
  };
  const globals = { window, document, SwaggerUIBundle, SwaggerUIStandalonePreset: {}, URL };
  runInNewContext(initializer, globals);
  window.onload?.();
  if (!config.url) throw new Error("the initializer started no Swagger UI");
  return config.url;
}

describe("the API docs page", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it.each([
    "/api/docs",
    "/api/docs/",
    "/api/docs?lang=es",
    "/api/docs/?lang=en&theme=dark",
    "/api/docs?lang=es#/funding/getFundingSummary",
  ])("works at %s: its initializer asks for the description, which answers", async (page) => {
    const html = await t.app.inject({ method: "GET", url: page.split("#")[0] ?? page });
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toContain("text/html");
    const src = /<script src="([^"]*swagger-initializer\.js)"/.exec(html.body)?.[1];
    expect(src).toBeTruthy();
    const pageUrl = new URL(page, "http://localhost:8080");
    const script = await t.app.inject({
      method: "GET",
      url: new URL(src ?? "", pageUrl).pathname,
    });
    expect(script.statusCode).toBe(200);
    expect(script.headers["content-type"]).toContain("javascript");

    const jsonUrl = new URL(descriptionUrlOf(script.body, pageUrl.href));
    expect(jsonUrl.origin).toBe("http://localhost:8080");
    expect(jsonUrl.search).toBe("");
    const description = await t.app.inject({ method: "GET", url: jsonUrl.pathname });
    expect(description.statusCode).toBe(200);
    expect(description.headers["content-type"]).toContain("application/json");
    expect(JSON.parse(description.body)).toMatchObject({ openapi: "3.1.0" });
  });

  it("serves the same description at /api/openapi.json", async () => {
    const docs = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    const served = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(JSON.parse(served.body)).toEqual(JSON.parse(docs.body));
  });
});
