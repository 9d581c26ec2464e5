import type { FastifyInstance } from "fastify";
import { AppError } from "../errors.ts";

/**
 * Optimistic locking over HTTP: a record's `version` is its ETag (`"3"`), and a client may
 * send `If-Match: "3"` instead of `version` in the body of an update. A stale version gets
 * 409 with the current version (see versioned-update.ts).
 */
export function installVersionHeaders(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const ifMatch = request.headers["if-match"];
    if (!ifMatch || (request.method !== "PATCH" && request.method !== "PUT")) return;
    const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
    if (!match?.[1])
      throw new AppError("validation_failed", 'If-Match must be a record version such as "3".', {
        details: [{ path: "header.if-match", message: "is not a version" }],
      });
    const body = request.body;
    if (body && typeof body === "object" && !Array.isArray(body) && !("version" in body)) {
      (body as Record<string, unknown>).version = Number(match[1]);
    }
  });
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.method !== "GET" && request.method !== "PATCH" && request.method !== "PUT")
      return payload;
    if (reply.statusCode !== 200 || typeof payload !== "string" || !payload.startsWith("{"))
      return payload;
    const version = /"version":(\d+)[,}]/.exec(payload.slice(0, 20_000));
    // Only a single record has one version; a list's first item must not lend it its ETag.
    if (version?.[1] && !payload.startsWith('{"data":')) reply.header("etag", `"${version[1]}"`);
    return payload;
  });
}
