import { parse } from "zod/mini";
import type { $ZodType, output } from "zod/v4/core";
import { errorResponseSchema } from "./schemas.ts";

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

async function request<S extends $ZodType>(
  method: string,
  path: string,
  schema: S,
  body?: unknown,
): Promise<output<S>> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: "same-origin",
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new ApiError(0, "network", (error as Error).message);
  }
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const parsed = errorResponseSchema.safeParse(json);
    if (parsed.success) {
      const { code, message, details, reason, values, context } = parsed.data.error;
      throw new ApiError(response.status, code, message, details, { reason, values, context });
    }
    throw new ApiError(response.status, "http", response.statusText);
  }
  return parse(schema, json);
}

export const api = {
  get: <S extends $ZodType>(path: string, schema: S, params?: Record<string, QueryValue>) =>
    request("GET", `${path}${toQueryString(params)}`, schema),
  post: <S extends $ZodType>(path: string, schema: S, body: unknown = {}) =>
    request("POST", path, schema, body),
  patch: <S extends $ZodType>(path: string, schema: S, body: unknown) =>
    request("PATCH", path, schema, body),
  delete: <S extends $ZodType>(path: string, schema: S) => request("DELETE", path, schema),
};
