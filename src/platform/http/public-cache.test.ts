import { brotliDecompressSync, gunzipSync } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { type DataVersion, versionNotOlder } from "../db/data-version.ts";
import { anonymous } from "../principal.ts";
import {
  acceptedCodings,
  type Coding,
  compressBody,
  installPublicCache,
  MIN_COMPRESSED_BYTES,
} from "./public-cache.ts";

describe("versionNotOlder", () => {
  it("orders versions of one kind by their count, and no others", () => {
    expect(versionNotOlder("c12", "c12")).toBe(true);
    expect(versionNotOlder("c13", "c12")).toBe(true);
    expect(versionNotOlder("c100", "c99")).toBe(true);
    expect(versionNotOlder("c99", "c100")).toBe(false);
    expect(versionNotOlder("a5", "c4")).toBe(false);
    expect(versionNotOlder("a18446744073709551616", "a18446744073709551615")).toBe(true);
    expect(versionNotOlder("x", "c1")).toBe(false);
  });
});

/**
 * A cached public route under a stream of writes: the version moves while answers are being
 * made. The route below takes a few milliseconds and says which version it saw when it began.
 */
describe("the public cache while writes keep committing", () => {
  let app: FastifyInstance;
  afterEach(async () => app.close());

  async function appWith(version: DataVersion) {
    app = Fastify();
    app.decorateRequest("principal", {
      getter: () => anonymous,
    });
    installPublicCache(app, { version, routes: new Set(["/api/total"]) });
    let running = 0;
    const seen = { computed: 0, mostAtOnce: 0 };
    app.get("/api/total", async () => {
      running++;
      seen.computed++;
      seen.mostAtOnce = Math.max(seen.mostAtOnce, running);
      const made = commits;
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return { made };
    });
    await app.ready();
    return seen;
  }
  let commits = 0;
  const counted: DataVersion = { read: async () => `c${commits}` };

  it("makes each answer once at a time, none older than its request, and fewer than asked", async () => {
    commits = 0;
    const seen = await appWith(counted);
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, n) => {
        // A write commits before every other request.
        if (n % 2 === 0) commits++;
        const arrived = commits;
        const response = await app.inject({ method: "GET", url: "/api/total" });
        return { arrived, status: response.statusCode, made: response.json().made as number };
      }),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.made).toBeGreaterThanOrEqual(answer.arrived);
    }
    expect(seen.mostAtOnce).toBe(1);
    expect(seen.computed).toBeLessThan(40);
  });

  it("serves a request an answer made at its version or later, and no older one", async () => {
    commits = 7;
    let reading = () => `c${commits}`;
    const seen = await appWith({ read: async () => reading() });
    const first = await app.inject({ method: "GET", url: "/api/total" });
    expect(first.json()).toEqual({ made: 7 });
    // A request whose version was read before the last write: the answer holds that write too.
    reading = () => "c6";
    const earlier = await app.inject({ method: "GET", url: "/api/total" });
    expect(earlier.json()).toEqual({ made: 7 });
    expect(seen.computed).toBe(1);
    // After a write, the answer is made again.
    commits = 8;
    reading = () => `c${commits}`;
    const later = await app.inject({ method: "GET", url: "/api/total" });
    expect(later.json()).toEqual({ made: 8 });
    expect(seen.computed).toBe(2);
  });
});

describe("acceptedCodings", () => {
  it("takes br before gzip, honours weights, * and refusals", () => {
    expect(acceptedCodings(undefined)).toEqual([]);
    expect(acceptedCodings("")).toEqual([]);
    expect(acceptedCodings("gzip, deflate, br, zstd")).toEqual(["br", "gzip"]);
    expect(acceptedCodings("br;q=0.5, gzip;q=1")).toEqual(["gzip", "br"]);
    expect(acceptedCodings("gzip;q=0, br;q=0")).toEqual([]);
    expect(acceptedCodings("GZIP ; Q=0.8")).toEqual(["gzip"]);
    expect(acceptedCodings("x-gzip")).toEqual(["gzip"]);
    expect(acceptedCodings("*")).toEqual(["br", "gzip"]);
    expect(acceptedCodings("*;q=0.5, br;q=0")).toEqual(["gzip"]);
    expect(acceptedCodings("identity")).toEqual([]);
    expect(acceptedCodings("identity;q=1, br;q=0.5")).toEqual([]);
    expect(acceptedCodings("identity;q=0.1, br;q=0.5")).toEqual(["br"]);
    expect(acceptedCodings("deflate, zstd")).toEqual([]);
    // A weight that is not one refuses.
    expect(acceptedCodings("br;q=2, gzip;q=abc")).toEqual([]);
  });
});

/** Cached answers sent compressed to those who take it, each coding made once per answer. */
describe("the public cache's compressed answers", () => {
  let app: FastifyInstance;
  afterEach(async () => app.close());
  let commits = 0;
  const made: Array<{ coding: Coding; bytes: number }> = [];

  async function appWith() {
    commits = 1;
    made.length = 0;
    app = Fastify();
    app.decorateRequest("principal", { getter: () => anonymous });
    installPublicCache(app, {
      version: { read: async () => `c${commits}` },
      routes: new Set(["/api/big", "/api/small"]),
      compress: (body, coding) => {
        made.push({ coding, bytes: body.length });
        return compressBody(body, coding);
      },
    });
    app.get("/api/big", async () => ({
      commits,
      rows: Array.from({ length: 200 }, (_, n) => ({ n, name: `Initiative ${n}`, commits })),
    }));
    app.get("/api/small", async () => ({ commits }));
    await app.ready();
  }
  const browser = "gzip, deflate, br, zstd";
  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url, headers });

  it("sends br and gzip forms that decode to the very bytes of the answer", async () => {
    await appWith();
    const identity = await get("/api/big");
    expect(identity.statusCode).toBe(200);
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.rawPayload.length).toBeGreaterThan(MIN_COMPRESSED_BYTES);
    const etag = String(identity.headers.etag);
    expect(etag).toMatch(/^"[\w-]{27}"$/);

    const br = await get("/api/big", { "accept-encoding": browser });
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toBe(identity.headers["content-type"]);
    expect(Number(br.headers["content-length"])).toBe(br.rawPayload.length);
    expect(br.rawPayload.length).toBeLessThan(identity.rawPayload.length);
    expect(brotliDecompressSync(br.rawPayload).equals(identity.rawPayload)).toBe(true);
    expect(br.headers.etag).toBe(`${etag.slice(0, -1)}-br"`);

    const gzip = await get("/api/big", { "accept-encoding": "br;q=0.5, gzip;q=1" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.rawPayload).equals(identity.rawPayload)).toBe(true);
    expect(gzip.headers.etag).toBe(`${etag.slice(0, -1)}-gzip"`);

    for (const answer of [identity, br, gzip])
      expect(answer.headers.vary).toBe("Accept-Encoding, Cookie, Authorization");
  });

  it("sends the answer as it is when no coding is taken", async () => {
    await appWith();
    await get("/api/big", { "accept-encoding": browser });
    for (const headers of [
      {},
      { "accept-encoding": "gzip;q=0, br;q=0" },
      { "accept-encoding": "identity" },
    ]) {
      const answer = await get("/api/big", headers);
      expect(answer.statusCode).toBe(200);
      expect(answer.headers["content-encoding"]).toBeUndefined();
      expect(answer.headers.vary).toBe("Accept-Encoding, Cookie, Authorization");
      expect(answer.json().rows).toHaveLength(200);
    }
  });

  it("never compresses an answer smaller than 1024 bytes", async () => {
    await appWith();
    for (let n = 0; n < 2; n++) {
      const answer = await get("/api/small", { "accept-encoding": browser });
      expect(answer.statusCode).toBe(200);
      expect(answer.rawPayload.length).toBeLessThan(MIN_COMPRESSED_BYTES);
      expect(answer.headers["content-encoding"]).toBeUndefined();
      expect(answer.headers.vary).toBe("Accept-Encoding, Cookie, Authorization");
      expect(answer.json()).toEqual({ commits: 1 });
    }
    expect(made).toEqual([]);
  });

  it("compresses each answer once per coding, and again after a write", async () => {
    await appWith();
    // The request that computes the answer, then concurrent and later hits.
    const first = await get("/api/big", { "accept-encoding": browser });
    expect(first.headers["content-encoding"]).toBe("br");
    const hits = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        get("/api/big", { "accept-encoding": n % 2 ? browser : "gzip" }),
      ),
    );
    for (const [n, hit] of hits.entries())
      expect(hit.headers["content-encoding"]).toBe(n % 2 ? "br" : "gzip");
    await app.inject({ method: "HEAD", url: "/api/big", headers: { "accept-encoding": "br" } });
    expect(made.map((m) => m.coding).sort()).toEqual(["br", "gzip"]);

    commits = 2;
    const after = await get("/api/big", { "accept-encoding": browser });
    expect(JSON.parse(brotliDecompressSync(after.rawPayload).toString()).commits).toBe(2);
    await get("/api/big", { "accept-encoding": browser });
    expect(made.map((m) => m.coding).sort()).toEqual(["br", "br", "gzip"]);
  });

  it("answers 304 to any of the answer's ETags, with the one the request would get", async () => {
    await appWith();
    const br = await get("/api/big", { "accept-encoding": browser });
    const brTag = String(br.headers.etag);
    expect(brTag).toMatch(/-br"$/);
    const again = await get("/api/big", { "accept-encoding": browser, "if-none-match": brTag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect(again.headers.etag).toBe(brTag);
    expect(again.headers["content-encoding"]).toBeUndefined();
    expect(again.headers.vary).toBe("Accept-Encoding, Cookie, Authorization");
    // The same answer asked for by a client that takes only gzip, or nothing.
    const gzip = await get("/api/big", {
      "accept-encoding": "gzip",
      "if-none-match": `W/${brTag}`,
    });
    expect(gzip.statusCode).toBe(304);
    expect(gzip.headers.etag).toBe(`${brTag.slice(0, -4)}-gzip"`);
    const plain = await get("/api/big", { "if-none-match": brTag });
    expect(plain.statusCode).toBe(304);
    expect(plain.headers.etag).toBe(`${brTag.slice(0, -4)}"`);
    // The request that computes a new answer compares it too.
    commits = 2;
    const changed = await get("/api/big", { "accept-encoding": browser, "if-none-match": brTag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(brTag);
  });

  it("gives HEAD the headers of GET", async () => {
    await appWith();
    const get1 = await get("/api/big", { "accept-encoding": browser });
    const head = await app.inject({
      method: "HEAD",
      url: "/api/big",
      headers: { "accept-encoding": browser },
    });
    expect(head.statusCode).toBe(200);
    expect(head.rawPayload.length).toBe(0);
    const { date: _a, ...getHeaders } = get1.headers;
    const { date: _b, ...headHeaders } = head.headers;
    expect(headHeaders).toEqual(getHeaders);
  });
});
