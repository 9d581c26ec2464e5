import { parse } from "zod/mini";
import type { $ZodType, output } from "zod/v4/core";
import { errorResponseSchema } from "../../contracts/shapes.ts";

export interface ApiErrorDetail {
  path: string;
  /** The server's English wording; the web words it from `rule` (i18n/api-errors.ts). */
  message: string;
  rule?: { code: string; [name: string]: unknown } | undefined;
}

/** What the server adds to say why in any language: a finer reason, its values, context. */
export interface ApiErrorExtras {
  reason?: string | undefined;
  values?: Record<string, unknown> | undefined;
  context?: Record<string, unknown> | undefined;
}

/** The server's `{ error: { code, message, details } }`, or a network failure (status 0). */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    readonly extras: ApiErrorExtras = {},
  ) {
    super(message);
  }
  /** Someone else saved the record first (a stale version), not any other 409. */
  get isConflict() {
    return this.code === "conflict" && this.extras.context?.current_version !== undefined;
  }
}

type QueryValue = string | number | boolean | null | undefined | readonly string[];

export function toQueryString(params: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(name, value.join(","));
    } else search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The session's CSRF token, sent as X-CSRF-Token on every cookie-authenticated write. */
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** What a write sends: a JSON document, a multipart form (files), or a CSV's text. */
type Body = { json: unknown } | { form: FormData } | { csv: string };

/** The headers every request carries; writes add the session's CSRF token. */
export function requestHeaders(method: string, body?: Body): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body && "json" in body) headers["content-type"] = "application/json";
  if (body && "csv" in body) headers["content-type"] = "text/csv";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  return headers;
}

async function request<S extends $ZodType>(
  method: string,
  path: string,
  schema: S,
  body?: Body,
): Promise<output<S>> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers: requestHeaders(method, body),
      credentials: "same-origin",
      ...(body && {
        body: "json" in body ? JSON.stringify(body.json) : "csv" in body ? body.csv : body.form,
      }),
    });
  } catch (error) {
    throw new ApiError(0, "network", (error as Error).message);
  }
  return readAnswer(response.status, response.statusText, await response.text(), schema);
}

/**
 * An answer read the one way, whatever sent the request (fetch, or XMLHttpRequest for an
 * upload's progress): the shape checked, or the refusal as ApiError.
 */
export function readAnswer<S extends $ZodType>(
  status: number,
  statusText: string,
  text: string,
  schema: S,
): output<S> {
  const ok = status >= 200 && status < 300;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch (error) {
    // A proxy's HTML page instead of the API's answer.
    if (ok) throw error;
  }
  if (!ok) {
    const parsed = errorResponseSchema.safeParse(json);
    if (!parsed.success) throw new ApiError(status, "http", statusText);
    const { code, message, details, reason, values, context } = parsed.data.error;
    throw new ApiError(status, code, message, details, { reason, values, context });
  }
  return parse(schema, json);
}

export const api = {
  get: <S extends $ZodType>(path: string, schema: S, params?: Record<string, QueryValue>) =>
    request("GET", `${path}${toQueryString(params)}`, schema),
  post: <S extends $ZodType>(path: string, schema: S, body: unknown = {}) =>
    request("POST", path, schema, { json: body }),
  /** A CSV file's text (text/csv). */
  postCsv: <S extends $ZodType>(path: string, schema: S, csv: string) =>
    request("POST", path, schema, { csv }),
  /** A multipart form (a file upload). */
  postForm: <S extends $ZodType>(path: string, schema: S, form: FormData) =>
    request("POST", path, schema, { form }),
  patch: <S extends $ZodType>(path: string, schema: S, body: unknown) =>
    request("PATCH", path, schema, { json: body }),
  put: <S extends $ZodType>(path: string, schema: S, body: unknown) =>
    request("PUT", path, schema, { json: body }),
  delete: <S extends $ZodType>(path: string, schema: S) => request("DELETE", path, schema),
};
