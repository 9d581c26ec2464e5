import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import { AppError, invalidField } from "../errors.ts";
import { errorBody } from "./error-handler.ts";

/** The longest URL (path and query) the API reads; longer ones are refused with 414. */
export const MAX_URL_LENGTH = 8 * 1024;
/** The longest path segment a route's parameter takes (Fastify's default, stated); a longer one
 *  is refused with 414 before any route is chosen. */
export const MAX_PARAM_LENGTH = 100;
/** Node's own limit on the request line and headers together; over it Node answers 431. */
export const MAX_HEADER_BYTES = 16 * 1024;

const NUL = "\u0000";

/**
 * Where a NUL character is in a request value, as a field path ("query.q", "title.es",
 * "entries.3.note"), or undefined. PostgreSQL text and jsonb cannot hold a NUL, so one that
 * reached a query would fail there; it is refused at the door, naming the field.
 */
export function findNul(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === "string") return value.includes(NUL) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNul(item, [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  // Parsed values only: an uploaded file (a buffer or a stream) is checked by its own reader.
  if (ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === "function")
    return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes(NUL)) return [...path, key.replaceAll(NUL, "\\u0000")];
    const found = findNul(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

function refuseNul(value: unknown, prefix: string | undefined): void {
  const found = findNul(value);
  if (!found) return;
  const path = [prefix, ...found].filter(Boolean).join(".") || "body";
  throw invalidField(path, "must not contain a NUL character (\\u0000)", { code: "nul_character" });
}

/**
 * The refusals the router makes before any route or hook runs (a path parameter over
 * MAX_PARAM_LENGTH, a malformed %-escape in the path), in the one error shape: Fastify's own
 * answer to them is a body of another shape.
 */
export function routerErrorToAppError(error: { code?: string }): AppError {
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH")
    return new AppError(
      "uri_too_long",
      `A value in the URL's path has more than ${MAX_PARAM_LENGTH} characters.`,
      { values: { maximum: MAX_PARAM_LENGTH } },
    );
  if (error.code === "FST_ERR_BAD_URL")
    return new AppError(
      "validation_failed",
      "The URL's path is not valid: a %-escape in it is malformed.",
      { cause: error },
    );
  return new AppError("internal", "The request could not be routed.", { cause: error });
}

/**
 * Limits every request meets before it reaches a route: a URL of at most MAX_URL_LENGTH (414),
 * and no NUL character in a header, the path, the query string (checked first, before the
 * session is looked up) or a JSON body (checked once the caller is known, so the public is
 * still told to sign in first). Each refusal is the one error shape naming the field.
 */
export function installRequestLimits(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    if (request.url.length > MAX_URL_LENGTH) {
      throw new AppError(
        "uri_too_long",
        `The URL has ${request.url.length} characters; at most ${MAX_URL_LENGTH} are accepted.`,
        { values: { maximum: MAX_URL_LENGTH } },
      );
    }
    refuseNul(request.headers, "header");
    refuseNul(request.params, "path");
    refuseNul(request.query, "query");
  });
}

/**
 * The body's check, registered after authentication (see installRequestLimits): a JSON body
 * names the field, a text body (a CSV file) the line.
 */
export function installBodyLimits(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const body = request.body;
    if (typeof body === "string") {
      const at = body.indexOf(NUL);
      if (at < 0) return;
      const line = body.slice(0, at).split("\n").length;
      throw invalidField("body", `line ${line} contains a NUL character (\\u0000)`, {
        code: "nul_character",
        line,
      });
    }
    refuseNul(body, undefined);
  });
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers over 16 KB, a
 * timeout, bytes that are not HTTP) answered in the one error shape rather than Fastify's own.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const refusal =
    error.code === "HPE_HEADER_OVERFLOW"
      ? new AppError(
          "headers_too_large",
          `The request line and headers are over ${MAX_HEADER_BYTES} bytes; the URL may have at most ${MAX_URL_LENGTH} characters.`,
          { values: { maximum: MAX_HEADER_BYTES } },
        )
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? new AppError("request_timeout", "The request did not arrive in time.")
        : new AppError("validation_failed", "The request is not valid HTTP.");
  const body = JSON.stringify(errorBody(refusal));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
