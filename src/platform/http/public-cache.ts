import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type DataVersion, versionNotOlder } from "../db/data-version.ts";

/** What a public answer may be cached with: revalidated on every use (ETag → 304). */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate";
/** What a signed-in caller's answers are sent with: theirs alone, never stored. */
export const PRIVATE_CACHE_CONTROL = "private, no-store";

export interface PublicCacheOptions {
  /** The data's version, read per request (db/data-version.ts). */
  version: DataVersion;
  /** The GET routes (their URL pattern under the app, e.g. "/api/initiatives/:id") to cache. */
  routes: ReadonlySet<string>;
  /** The most answers kept, and the most bytes all of them take (least recently used first out). */
  maxEntries?: number;
  maxBytes?: number;
}

interface Entry {
  version: string;
  body: Buffer;
  contentType: string;
  etag: string;
}

interface Pending {
  version: string;
  done: Promise<void>;
  finish(): void;
}

declare module "fastify" {
  interface FastifyRequest {
    /** The version this anonymous read's answer is to be cached under; null when not cached. */
    publicCacheVersion: string | null;
  }
}

/** Answers larger than this are served but not kept (IATI files of a large portfolio). */
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;

/**
 * Public reads are answered from memory while the data has not changed. The answer of an
 * anonymous GET on a cached route is kept under the data's version read when the request
 * arrived; a later request whose version is the same gets it again without a query, and a
 * write that commits changes the version, so no answer outlives the data it was made from, on
 * one instance or several. Signed-in callers, whose answers may differ by role and
 * organization, are never served or stored here: theirs go out `private, no-store`.
 *
 * Every cached answer carries an ETag made of its bytes and `Cache-Control: public,
 * max-age=0, must-revalidate`, so browsers and proxies revalidate it with If-None-Match and get
 * 304 Not Modified for as long as the answer is the same (even across unrelated writes).
 * Requests that miss together wait for the first one's answer rather than each computing it,
 * and while writes keep changing the version each URL is computed by one request at a time
 * (`fresh` below).
 */
export function installPublicCache(app: FastifyInstance, options: PublicCacheOptions): void {
  const maxEntries = options.maxEntries ?? 2000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Pending>();
  let bytes = 0;

  const remember = (key: string, entry: Entry) => {
    forget(key);
    entries.set(key, entry);
    bytes += entry.body.length;
    for (const [oldest, old] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      entries.delete(oldest);
      bytes -= old.body.length;
    }
  };
  const forget = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    entries.delete(key);
    bytes -= old.body.length;
  };
  /** What each leading request promised to compute: settled when its answer is sent. */
  const leading = new WeakMap<FastifyRequest, Pending>();
  const settle = (request: FastifyRequest) => {
    const promised = leading.get(request);
    if (!promised) return;
    leading.delete(request);
    if (pending.get(request.url) === promised) pending.delete(request.url);
    promised.finish();
  };

  /**
   * The entry this request may be answered with: one made from data no older than the
   * version read when it arrived (made later is as good: the writes committed before the
   * request are in it). Without one, a GET that may `lead` computes the answer: at most one
   * request per URL does at a time. Requests arriving while it runs wait for it if it reads a
   * version no older than theirs, and otherwise for it to end and then for the next one,
   * which reads the version anew, so under a stream of writes each URL is computed once at a
   * time and not once per request.
   */
  const fresh = async (
    request: FastifyRequest,
    lead: boolean,
  ): Promise<{ version: string; entry?: Entry }> => {
    const key = request.url;
    const wanted = await options.version.read();
    let version = wanted;
    for (;;) {
      const entry = entries.get(key);
      if (entry && versionNotOlder(entry.version, wanted)) {
        // Most recently used last: the map's order is the eviction order.
        entries.delete(key);
        entries.set(key, entry);
        return { version, entry };
      }
      const inFlight = pending.get(key);
      if (!inFlight) {
        if (lead) {
          let finish = () => {};
          const done = new Promise<void>((resolve) => {
            finish = resolve;
          });
          const promised = { version, done, finish };
          pending.set(key, promised);
          leading.set(request, promised);
          request.publicCacheVersion = version;
        }
        return { version };
      }
      await inFlight.done;
      if (!versionNotOlder(inFlight.version, wanted)) version = await options.version.read();
    }
  };
  const cachedRoute = (request: FastifyRequest) =>
    (request.method === "GET" || request.method === "HEAD") &&
    request.url.startsWith("/api/") &&
    options.routes.has(request.routeOptions.url ?? "");

  app.decorateRequest("publicCacheVersion", null);
  // The common case first: a request that carries no credential at all (no cookie, no
  // Authorization header) is anonymous whatever the later hooks decide, and a URL kept in
  // the cache was validated when its answer was made. Such a hit is answered here, before
  // authentication, validation and the route's own hooks; anything else goes on below.
  app.addHook("onRequest", async (request, reply) => {
    if (request.headers.cookie || request.headers.authorization || !cachedRoute(request)) return;
    const { entry } = await fresh(request, false);
    if (entry) return serve(request, reply, entry);
  });
  app.addHook("preHandler", async (request, reply) => {
    if (request.method !== "GET" && request.method !== "HEAD") return;
    if (!request.url.startsWith("/api/")) return;
    if (request.principal.kind !== "anonymous") {
      reply.header("cache-control", PRIVATE_CACHE_CONTROL);
      return;
    }
    if (!cachedRoute(request)) return;
    const { entry } = await fresh(request, request.method === "GET");
    if (entry) return serve(request, reply, entry);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const version = request.publicCacheVersion;
    if (version === null) return payload;
    const body =
      typeof payload === "string"
        ? Buffer.from(payload)
        : Buffer.isBuffer(payload)
          ? payload
          : null;
    if (reply.statusCode !== 200 || body === null) {
      settle(request);
      return payload;
    }
    const entry: Entry = {
      version,
      body,
      contentType: String(reply.getHeader("content-type") ?? "application/json; charset=utf-8"),
      etag: publicEtag(reply, body),
    };
    if (body.length <= MAX_ENTRY_BYTES) remember(request.url, entry);
    settle(request);
    cacheHeaders(reply, entry);
    if (!matches(request, entry.etag)) return body;
    reply.code(304);
    return null;
  });
  // An answer that failed or was abandoned releases the requests waiting for it.
  app.addHook("onResponse", async (request) => settle(request));
  app.addHook("onRequestAbort", async (request) => settle(request));
}

function serve(request: FastifyRequest, reply: FastifyReply, entry: Entry): FastifyReply {
  cacheHeaders(reply, entry);
  if (matches(request, entry.etag)) return reply.code(304).send();
  return reply.header("content-type", entry.contentType).send(entry.body);
}

function cacheHeaders(reply: FastifyReply, entry: Entry): void {
  reply.header("etag", entry.etag);
  reply.header("cache-control", PUBLIC_CACHE_CONTROL);
  // A shared cache keeps the public answer apart from what a signed-in caller is sent.
  reply.header("vary", "Cookie, Authorization");
}

/** Whether If-None-Match names this answer (weak comparison, RFC 9110 §13.1.2). */
function matches(request: FastifyRequest, etag: string): boolean {
  const header = request.headers["if-none-match"];
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => {
    const candidate = tag.trim();
    return (candidate.startsWith("W/") ? candidate.slice(2) : candidate) === etag;
  });
}

/**
 * The answer's ETag: its bytes' digest, after the record's version when the answer is one
 * versioned record (`"3.k2Xw…"`, set as `"3"` by versions.ts), so that If-Match still takes it
 * for the record's next update and If-None-Match for the answer as a whole.
 */
function publicEtag(reply: FastifyReply, body: Buffer): string {
  const digest = createHash("sha1").update(body).digest("base64url");
  const version = /^"(\d+)"$/.exec(String(reply.getHeader("etag") ?? ""))?.[1];
  return version ? `"${version}.${digest}"` : `"${digest}"`;
}
