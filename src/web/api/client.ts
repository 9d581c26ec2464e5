import type { z } from "zod";
import { errorResponseSchema } from "./schemas.ts";

export interface ApiErrorDetail {
  path: string;
  message: string;
}

/** The server's `{ error: { code, message, details } }`, or a network failure (status 0). */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
  }
  get isConflict() {
    return this.status === 409 || this.code === "conflict";
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

async function request<S extends z.ZodType>(
  method: string,
  path: string,
  schema: S,
  body?: unknown,
): Promise<z.infer<S>> {
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
      const { code, message, details } = parsed.data.error;
      throw new ApiError(response.status, code, message, details);
    }
    throw new ApiError(response.status, "http", response.statusText);
  }
  return schema.parse(json);
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, params?: Record<string, QueryValue>) =>
    request("GET", `${path}${toQueryString(params)}`, schema),
  post: <S extends z.ZodType>(path: string, schema: S, body: unknown = {}) =>
    request("POST", path, schema, body),
  patch: <S extends z.ZodType>(path: string, schema: S, body: unknown) =>
    request("PATCH", path, schema, body),
};
