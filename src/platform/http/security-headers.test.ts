import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { installSecurityHeaders } from "./security-headers.ts";

const POLICY =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;font-src 'self' data:;connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";

const EXPECTED = {
  "content-security-policy": POLICY,
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "origin-agent-cluster": "?1",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-download-options": "noopen",
  "x-frame-options": "SAMEORIGIN",
  "x-permitted-cross-domain-policies": "none",
  "x-xss-protection": "0",
};

async function answers(secureCookies: boolean | "auto", url: string) {
  const app = Fastify();
  await installSecurityHeaders(app, { secureCookies });
  app.get("/page", async () => ({ ok: true }));
  try {
    const response = await app.inject({ method: "GET", url });
    const { date, connection, "content-length": _, "content-type": __, ...rest } = response.headers;
    return { status: response.statusCode, headers: rest };
  } finally {
    await app.close();
  }
}

describe("security headers", () => {
  it("are the same full set on every answer, found or not, and nothing else", async () => {
    for (const url of ["/page", "/nowhere"]) {
      const { status, headers } = await answers("auto", url);
      expect([200, 404]).toContain(status);
      expect(headers).toEqual(EXPECTED);
    }
  });

  it("ask browsers to upgrade insecure requests only when cookies are always secure", async () => {
    expect((await answers(true, "/page")).headers).toEqual({
      ...EXPECTED,
      "content-security-policy": `${POLICY};upgrade-insecure-requests`,
    });
    expect((await answers(false, "/page")).headers).toEqual(EXPECTED);
  });
});
