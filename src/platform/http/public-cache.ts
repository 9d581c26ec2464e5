import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
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
  /** How a body is compressed (compressBody); tests count the calls. */
  compress?: (body: Buffer, coding: Coding) => Promise<Buffer>;
}

/** The content codings a cached answer may be sent in, besides its own bytes (identity). */
export type Coding = "br" | "gzip";

interface Entry {
  version: string;
  body: Buffer;
  contentType: string;
  etag: string;
  /** The bytes the entry takes: its body and the compressed forms made so far. */
  size: number;
  /**
   * The body's compressed forms, each made once, by the first request that takes that coding
   * (requests arriving meanwhile wait for the same one); null when it is not smaller.
   */
  coded: Partial<Record<Coding, Promise<Buffer | null>>>;
  /** The compressed forms made so far (null: not smaller), read without waiting. */
  made: Partial<Record<Coding, Buffer | null>>;
}

/** What one request is sent of an entry: its bytes or one of their compressed forms. */
interface Representation {
  coding: Coding | "identity";
  body: Buffer;
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
/** Answers smaller than this are always sent as they are: compressing them gains next to nothing. */
export const MIN_COMPRESSED_BYTES = 1024;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** A body's brotli (quality 5) or gzip (level 6) form, made on libuv's thread pool. */
export function compressBody(body: Buffer, coding: Coding): Promise<Buffer> {
  if (coding === "gzip") return gzipAsync(body, { level: 6 });
  return brotliAsync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

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
 *
 * Browsers are sent a cached answer compressed when they accept it (Accept-Encoding, br before
 * gzip): each entry's brotli and gzip forms are made at most once, by the first request that
 * takes them, and kept beside its bytes. Each form has its own ETag (`"…-br"`, `"…-gzip"`),
 * any of which If-None-Match may name, and every cached answer varies by Accept-Encoding.
 */
export function installPublicCache(app: FastifyInstance, options: PublicCacheOptions): void {
  const maxEntries = options.maxEntries ?? 2000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const compress = options.compress ?? compressBody;
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Pending>();
  let bytes = 0;

  const remember = (key: string, entry: Entry) => {
    forget(key);
    entries.set(key, entry);
    bytes += entry.size;
    trim();
  };
  const trim = () => {
    for (const [oldest, old] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      entries.delete(oldest);
      bytes -= old.size;
    }
  };
  const forget = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    entries.delete(key);
    bytes -= old.size;
  };
  /** The entry's form in that coding: made once, counted in the cache's bytes while kept. */
  const coded = (key: string, entry: Entry, coding: Coding): Promise<Buffer | null> => {
    const made = entry.coded[coding];
    if (made) return made;
    const making = compress(entry.body, coding).then(
      (form) => {
        if (form.length >= entry.body.length) {
          entry.made[coding] = null;
          return null;
        }
        entry.made[coding] = form;
        if (entries.get(key) === entry) {
          entry.size += form.length;
          bytes += form.length;
          trim();
        }
        return form;
      },
      (error: unknown) => {
        app.log.warn({ err: error, coding }, "could not compress a cached public answer");
        return null;
      },
    );
    entry.coded[coding] = making;
    return making;
  };
  /** What this request is sent of the entry: the first coding it takes that is worth it. */
  const representation = async (request: FastifyRequest, entry: Entry): Promise<Representation> => {
    if (entry.body.length >= MIN_COMPRESSED_BYTES) {
      for (const coding of acceptedCodingsOnce(request.headers["accept-encoding"])) {
        const ready = entry.made[coding];
        const form = ready !== undefined ? ready : await coded(request.url, entry, coding);
        if (form) return { coding, body: form, etag: codedEtag(entry.etag, coding) };
      }
    }
    return { coding: "identity", body: entry.body, etag: entry.etag };
  };
  const serve = async (request: FastifyRequest, reply: FastifyReply, entry: Entry) => {
    const sent = await representation(request, entry);
    cacheHeaders(reply, sent);
    if (matches(request, entry)) return reply.code(304).send();
    if (sent.coding !== "identity") reply.header("content-encoding", sent.coding);
    return reply.header("content-type", entry.contentType).send(sent.body);
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
      size: body.length,
      coded: {},
      made: {},
    };
    if (body.length <= MAX_ENTRY_BYTES) remember(request.url, entry);
    settle(request);
    const sent = await representation(request, entry);
    cacheHeaders(reply, sent);
    if (matches(request, entry)) {
      reply.code(304);
      return null;
    }
    if (sent.coding !== "identity") reply.header("content-encoding", sent.coding);
    return sent.body;
  });
  // An answer that failed or was abandoned releases the requests waiting for it.
  app.addHook("onResponse", async (request) => settle(request));
  app.addHook("onRequestAbort", async (request) => settle(request));
}

function cacheHeaders(reply: FastifyReply, sent: Representation): void {
  reply.header("etag", sent.etag);
  reply.header("cache-control", PUBLIC_CACHE_CONTROL);
  // A shared cache keeps the codings apart, and the public answer apart from what a
  // signed-in caller is sent.
  reply.header("vary", "Accept-Encoding, Cookie, Authorization");
}

/**
 * Whether If-None-Match names this answer in any of its codings (weak comparison, RFC 9110
 * §13.1.2): they all hold the same bytes once decoded.
 */
function matches(request: FastifyRequest, entry: Entry): boolean {
  const header = request.headers["if-none-match"];
  if (!header) return false;
  if (header.trim() === "*") return true;
  const tags = [entry.etag, codedEtag(entry.etag, "br"), codedEtag(entry.etag, "gzip")];
  return header.split(",").some((tag) => {
    const candidate = tag.trim();
    return tags.includes(candidate.startsWith("W/") ? candidate.slice(2) : candidate);
  });
}

/** The ETag of an answer's compressed form: its own (`"abc"` → `"abc-br"`), as RFC 9110 asks. */
export function codedEtag(etag: string, coding: Coding): string {
  return `${etag.slice(0, -1)}-${coding}"`;
}

/** An Accept-Encoding weight (RFC 9110 §12.4.2); one that is not a weight refuses. */
const weightOf = (value: string | undefined) =>
  value !== undefined && /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value) ? Number(value) : 0;

/** Accept-Encoding headers read so far: browsers send a handful of distinct ones. */
const codingsOf = new Map<string, Coding[]>();
const CODINGS_KEPT = 64;

/** acceptedCodings, each distinct header read once. */
function acceptedCodingsOnce(header: string | undefined): Coding[] {
  if (!header) return [];
  let codings = codingsOf.get(header);
  if (!codings) {
    codings = acceptedCodings(header);
    if (codingsOf.size >= CODINGS_KEPT) codingsOf.clear();
    codingsOf.set(header, codings);
  }
  return codings;
}

/**
 * The codings an Accept-Encoding header takes, best first (br before gzip when they weigh the
 * same): named or taken by `*`, with a weight above 0 and not below identity's when identity is
 * named. None without the header: the answer is sent as it is.
 */
export function acceptedCodings(header: string | undefined): Coding[] {
  if (!header) return [];
  const weights = new Map<string, number>();
  for (const item of header.split(",")) {
    const [name = "", ...parameters] = item.split(";");
    let weight = 1;
    for (const parameter of parameters) {
      const [key = "", value] = parameter.split("=").map((part) => part.trim());
      if (key.toLowerCase() === "q") weight = weightOf(value);
    }
    const coding = name.trim().toLowerCase();
    if (coding) weights.set(coding === "x-gzip" ? "gzip" : coding, weight);
  }
  const weight = (coding: string) => weights.get(coding) ?? weights.get("*") ?? 0;
  const identity = weights.get("identity") ?? 0;
  return (["br", "gzip"] as const)
    .filter((coding) => weight(coding) > 0 && weight(coding) >= identity)
    .sort((a, b) => weight(b) - weight(a));
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
