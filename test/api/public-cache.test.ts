import { brotliDecompressSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  setUpInitiativeWorld,
  submitAndPublish,
  usdPayload,
} from "../../src/modules/initiatives/initiatives.fixtures.ts";
import { openPostgres } from "../../src/platform/db/connect.ts";
import { openEventBus } from "../../src/platform/events/index.ts";
import { buildApp, createTestApp, type TestApp } from "../support/app.ts";

type Listed = { data: Array<{ code: string }> };

const codes = (body: unknown) => (body as Listed).data.map((row) => row.code);

/**
 * Public reads are cached by the data's version (platform/http/public-cache.ts): the answer
 * of an anonymous GET is kept until a write commits, revalidated with ETag/If-None-Match, and
 * never shared with signed-in callers, whose answers differ by role.
 */
describe("public reads cached by the data's version", () => {
  let t: TestApp;
  let n = 0;
  const addPartner = async (app: TestApp["request"] = t.request) => {
    const code = `CACHE-P${++n}`;
    const created = await app({
      method: "POST",
      url: "/api/organizations",
      payload: { code, kind: "partner_government", name: { es: code, en: code } },
    });
    expect(created.status).toBe(201);
    return code;
  };

  beforeAll(async () => {
    t = await createTestApp();
    // The practice below names Guatemala, a member state.
    await t.signIn({ role: "focal_point", organization: "GT" });
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers with a weak ETag and public revalidation, then 304 for the same ETag", async () => {
    const first = await t.anonymous({ method: "GET", url: "/api/organizations?limit=200" });
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
    expect(first.headers.vary).toBe("Accept-Encoding, Cookie, Authorization");

    const again = await t.anonymous({ method: "GET", url: "/api/organizations?limit=200" });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(etag);

    const revalidated = await t.anonymous({
      method: "GET",
      url: "/api/organizations?limit=200",
      headers: { "if-none-match": `"other", ${etag}` },
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toBe("");
    expect(revalidated.headers.etag).toBe(etag);
    expect(revalidated.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
  });

  it("shows a write to the very next read, with a new ETag", async () => {
    const url = "/api/organizations?limit=200";
    const before = await t.anonymous({ method: "GET", url });
    const code = await addPartner();
    const after = await t.anonymous({
      method: "GET",
      url,
      headers: { "if-none-match": String(before.headers.etag) },
    });
    expect(after.status).toBe(200);
    expect(codes(after.body)).toContain(code);
    expect(codes(before.body)).not.toContain(code);
    expect(after.headers.etag).not.toBe(before.headers.etag);

    // A detail changed in place (PATCH) is read back changed, not from the cache.
    const detail = await t.anonymous<{ id: string; version: number }>({
      method: "GET",
      url: `/api/organizations/${code}`,
    });
    expect(detail.status).toBe(200);
    const renamed = await t.request({
      method: "PATCH",
      url: `/api/organizations/${code}`,
      payload: { version: detail.body.version, name: { es: "Renombrado", en: "Renamed" } },
    });
    expect(renamed.status).toBe(200);
    const reread = await t.anonymous<{ name: { en: string } }>({
      method: "GET",
      url: `/api/organizations/${code}`,
    });
    expect(reread.body.name.en).toBe("Renamed");
  });

  it("keeps answering 304 across a write that leaves the answer unchanged", async () => {
    const url = "/api/components";
    const first = await t.anonymous({ method: "GET", url });
    expect(first.status).toBe(200);
    await addPartner();
    const after = await t.anonymous({
      method: "GET",
      url,
      headers: { "if-none-match": String(first.headers.etag) },
    });
    expect(after.status).toBe(304);
  });

  it("never shares an answer between the public and a signed-in caller", async () => {
    const url = "/api/practices?limit=100";
    const slugs = (body: unknown) =>
      (body as { data: Array<{ slug: string }> }).data.map((row) => row.slug);
    const publicBefore = await t.anonymous({ method: "GET", url });
    expect(publicBefore.status).toBe(200);
    const draft = await t.request({
      method: "POST",
      url: "/api/practices",
      payload: {
        slug: "cache-draft-practice",
        title: "Práctica en borrador",
        summary: "Solo la ve la secretaría.",
        body: "Aún sin publicar.",
        language: "es",
        source: { kind: "state", name: "Guatemala", citation: "Borrador interno" },
        countries: ["GT"],
      },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);

    const staff = await t.request({ method: "GET", url });
    expect(staff.status).toBe(200);
    expect(slugs(staff.body)).toContain("cache-draft-practice");
    expect(staff.headers["cache-control"]).toBe("private, no-store");
    expect(staff.headers.etag).toBeUndefined();

    const publicAfter = await t.anonymous({ method: "GET", url });
    expect(slugs(publicAfter.body)).not.toContain("cache-draft-practice");
    expect(publicAfter.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
    // The staff answer, asked for again, is not the public one from the cache.
    const staffAgain = await t.request({
      method: "GET",
      url,
      headers: { "if-none-match": String(publicAfter.headers.etag) },
    });
    expect(staffAgain.status).toBe(200);
    expect(slugs(staffAgain.body)).toContain("cache-draft-practice");
  });

  it("answers a hit without credentials with the very headers of the full path", async () => {
    const url = "/api/components";
    await addPartner(); // a new version: the next read computes the answer
    const computed = await t.anonymous({ method: "GET", url });
    expect(computed.status).toBe(200);
    // Answered from the cache before authentication (no cookie, no Authorization header).
    const hit = await t.anonymous({ method: "GET", url });
    // Answered from the cache after authentication (a cookie that is no session).
    const withCookie = await t.anonymous({ method: "GET", url, headers: { cookie: "lang=es" } });
    const headers = (response: typeof hit) => {
      const { date: _date, "x-request-id": id, ...rest } = response.headers;
      expect(String(id)).toMatch(/^[\w-]{8,64}$/);
      return rest;
    };
    for (const answer of [hit, withCookie]) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(computed.body);
      expect(headers(answer)).toEqual(headers(computed));
    }
    expect(headers(hit)["content-security-policy"]).toContain("default-src 'self'");
    expect(hit.headers["x-request-id"]).not.toBe(computed.headers["x-request-id"]);
    // A credential is always checked, even for a URL whose public answer is kept.
    const forged = await t.anonymous({
      method: "GET",
      url,
      headers: { authorization: "Bearer esca_not_a_real_token" },
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.etag).toBeUndefined();
  });

  it("gives a record's public ETag its version, which If-Match takes", async () => {
    const code = await addPartner();
    const url = `/api/organizations/${code}`;
    const read = await t.request<{ version: number }>({ method: "GET", url });
    expect(read.headers.etag).toBe(`"${read.body.version}"`);
    const seen = await t.anonymous<{ version: number }>({ method: "GET", url });
    expect(seen.headers.etag).toMatch(new RegExp(`^"${seen.body.version}\\.[\\w-]{27}"$`));
    const saved = await t.request<{ version: number }>({
      method: "PATCH",
      url,
      headers: { "if-match": String(seen.headers.etag) },
      payload: { website: "https://example.org/partner" },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(seen.body.version + 1);
    const stale = await t.request({
      method: "PATCH",
      url,
      headers: { "if-match": String(seen.headers.etag) },
      payload: { website: "https://example.org/other" },
    });
    expect(stale.status).toBe(409);
  });

  it("sends a browser the initiatives list in brotli, the same JSON once decoded", async () => {
    await setUpInitiativeWorld(t);
    for (const code of ["GZ1", "GZ2", "GZ3"]) {
      const created = await t.request({
        method: "POST",
        url: "/api/initiatives",
        payload: usdPayload(code),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      await submitAndPublish(t, code);
    }
    const url = "/api/initiatives";
    const plain = await t.app.inject({ method: "GET", url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.json().data).toHaveLength(3);
    const browser = {
      "accept-encoding": "gzip, deflate, br, zstd",
      accept: "application/json",
      "user-agent": "Mozilla/5.0",
    };
    for (let n = 0; n < 2; n++) {
      // Once as the cache's entry is made, once from it.
      if (n === 0) await addPartner();
      const compressed = await t.app.inject({ method: "GET", url, headers: browser });
      expect(compressed.statusCode).toBe(200);
      expect(compressed.headers["content-encoding"]).toBe("br");
      expect(compressed.headers.vary).toBe("Accept-Encoding, Cookie, Authorization");
      expect(compressed.headers.etag).toMatch(/^"[\w-]{27}-br"$/);
      expect(compressed.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(JSON.parse(brotliDecompressSync(compressed.rawPayload).toString())).toEqual(
        JSON.parse(plain.body),
      );
    }
  });

  it("serves HEAD from the same answer, without a body", async () => {
    const get = await t.anonymous({ method: "GET", url: "/api/components" });
    const head = await t.anonymous({ method: "HEAD", url: "/api/components" });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it("answers concurrent first reads alike, and a refused read is never kept", async () => {
    const url = `/api/organizations?limit=200&q=${n}`;
    await addPartner();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => t.anonymous({ method: "GET", url })),
    );
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.headers.etag)).size).toBe(1);
    const missing = await t.anonymous({ method: "GET", url: "/api/organizations/NO-SUCH-ORG" });
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });

  it("shows a write through one instance to a read through another on the same database", async () => {
    let other: FastifyInstance;
    let closeOther: () => Promise<void>;
    if (t.handle.backend === "postgres" && t.handle.connectionString) {
      // A second server process as far as the database can tell: its own pool and event bus.
      const handle = await openPostgres(t.handle.connectionString, 4);
      const events = await openEventBus(handle);
      other = await buildApp({
        ctx: { db: handle.db, backend: handle.backend, events },
        logLevel: "silent",
      });
      closeOther = async () => {
        await other.close();
        await events.close();
        await handle.close();
      };
    } else {
      // The embedded database has one process; a second app in it shares its connection.
      other = await buildApp({
        ctx: { db: t.handle.db, backend: t.handle.backend },
        logLevel: "silent",
      });
      closeOther = () => other.close();
    }
    try {
      const url = "/api/organizations?limit=200";
      const warm = await other.inject({ method: "GET", url });
      expect(warm.statusCode).toBe(200);
      for (let round = 0; round < 3; round++) {
        const code = await addPartner();
        const read = await other.inject({ method: "GET", url });
        expect(codes(JSON.parse(read.body))).toContain(code);
      }
    } finally {
      await closeOther();
    }
  });
});
