import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../errors.ts";
import { parseIfMatch } from "./if-match.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ETAG_METHODS = new Set(["GET", "HEAD", "PATCH", "PUT"]);

/**
 * Optimistic locking over HTTP: a record's `version` is its ETag (`"3"`), and a client may
 * send `If-Match: "3"` instead of `version` in the body of a write whose body takes one. A
 * stale version gets 409 with the current version (see versioned-update.ts).
 *
 * The ETag is the `version` of the record the route answers with, read from the response
 * object before it is serialized: never the first `"version"` found in the text, which may
 * belong to a record nested inside it (a component's line of action, a list's first item).
 */
export function installVersionHeaders(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const header = request.headers["if-match"];
    if (header === undefined || SAFE_METHODS.has(request.method)) return;
    const ifMatch = parseIfMatch(header);
    if (!takesVersion(request))
      throw new AppError(
        "validation_failed",
        `If-Match cannot be checked on ${request.method} ${request.routeOptions.url ?? request.url}: what it changes has no version. Send the request without If-Match.`,
        { details: [{ path: "header.if-match", message: "is not supported by this route" }] },
      );
    if (ifMatch.kind === "any") return;
    const body = request.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== "object" || Array.isArray(body)) return;
    // A version that is not a number (a string, null, a list) is left for the schema to name.
    if ("version" in body && typeof body.version !== "number") return;
    if (typeof body.version === "number" && body.version !== ifMatch.version)
      throw new AppError(
        "validation_failed",
        `If-Match names version ${ifMatch.version} but the body's version is ${body.version}: send one version, or the same in both.`,
        {
          details: [
            { path: "header.if-match", message: `is "${ifMatch.version}", not the body's version` },
            { path: "version", message: `is ${body.version}, not If-Match's ${ifMatch.version}` },
          ],
        },
      );
    body.version = ifMatch.version;
  });
  app.addHook("preSerialization", async (request, reply, payload: unknown) => {
    const version = recordVersion(payload);
    if (version !== undefined && reply.statusCode === 200 && ETAG_METHODS.has(request.method))
      reply.header("etag", `"${version}"`);
    return payload;
  });
}

/** The version of a single record (an object with its own id and integer version). */
function recordVersion(payload: unknown): number | undefined {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return undefined;
  const { id, version } = payload as { id?: unknown; version?: unknown };
  return typeof id === "string" && Number.isInteger(version) ? (version as number) : undefined;
}

/** Whether the route's body schema (zod) has a `version` field for If-Match to fill in. */
function takesVersion(request: FastifyRequest): boolean {
  const body = request.routeOptions.schema?.body as { shape?: Record<string, unknown> } | undefined;
  return body?.shape?.version !== undefined;
}
