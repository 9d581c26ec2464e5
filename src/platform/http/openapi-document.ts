import type { FastifySchema, RouteOptions } from "fastify";
import type { AccessRule } from "./access.ts";

/**
 * What the generated OpenAPI description adds to the routes' own schemas, so that a client
 * generator or a linter (Redocly's recommended rules) reads it without guessing: how callers
 * authenticate (security schemes, and per operation who may call), a stable operationId, the
 * refusals every operation can give, and only the components something refers to.
 */

/** The session cookie (named `__Host-esca_session` over HTTPS, see auth.ts). */
const SESSION = "sessionCookie";
/** The session's CSRF token, sent back on every write made with the session cookie. */
const CSRF = "csrfHeader";
/** An API token made on the account page. */
const TOKEN = "bearerToken";

export const securitySchemes = {
  [SESSION]: {
    type: "apiKey",
    in: "cookie",
    name: "esca_session",
    description:
      "The session cookie POST /api/auth/login sets (`__Host-esca_session` over HTTPS). A session ends after 30 minutes unused or 12 hours after sign-in.",
  },
  [CSRF]: {
    type: "apiKey",
    in: "header",
    name: "X-CSRF-Token",
    description:
      "The session's CSRF token (answered by POST /api/auth/login and GET /api/auth/me): every write made with the session cookie sends it.",
  },
  [TOKEN]: {
    type: "http",
    scheme: "bearer",
    description:
      "An API token (`Authorization: Bearer …`) made on the account page. It acts with the role it was made under, and only on operations that list its scope (e.g. `flows:write`).",
  },
} as const;

type SecurityRequirement = Record<string, string[]>;

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Who may call an operation, from its route's access rule (access.ts). In a requirement the
 * session's list names the roles that may call, the token's the scope it needs (OpenAPI 3.1
 * allows role names for schemes other than OAuth). A public operation takes no credentials
 * (`{}`) but answers a signed-in caller as them (a draft its owner may read); a write with a
 * session cookie always needs its CSRF header.
 */
export function operationSecurity(
  method: string,
  rule: AccessRule | undefined,
): SecurityRequirement[] {
  const write = !SAFE.has(method);
  const session = (roles: readonly string[]): SecurityRequirement =>
    write ? { [SESSION]: [...roles], [CSRF]: [] } : { [SESSION]: [...roles] };
  if (rule === undefined && write) return [session([])]; // refused to all (fail closed)
  if (rule === undefined || rule === "public") return [{}, session([]), { [TOKEN]: [] }];
  return rule.scope ? [session(rule.roles), { [TOKEN]: [rule.scope] }] : [session(rule.roles)];
}

const words = (text: string) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1));

/**
 * One operationId per method and path, derived the same way everywhere: the method, then
 * each segment after /api in PascalCase, a parameter as `By<Name>`.
 *
 *   GET  /api/funding/summary                → getFundingSummary
 *   POST /api/initiatives/:id/transitions    → postInitiativesByIdTransitions
 *   GET  /api/iati/activities.xml            → getIatiActivitiesXml
 */
export function operationIdOf(method: string, url: string): string {
  const segments = url
    .replace(/^\/api(?=\/|$)/, "")
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      const param = /^:(\w+)$|^\{(\w+)\}$/.exec(segment);
      return param ? `By${words(param[1] ?? param[2] ?? "").join("")}` : words(segment).join("");
    });
  return method.toLowerCase() + segments.join("");
}

/** A route's schema with its operationId and security added (what a route says itself stays). */
export function describeOperation(
  schema: FastifySchema & { operationId?: string },
  url: string,
  route: Pick<RouteOptions, "method" | "config">,
): FastifySchema {
  const method = Array.isArray(route.method) ? String(route.method[0]) : String(route.method);
  const access = (route.config as { access?: AccessRule } | undefined)?.access;
  return {
    ...schema,
    operationId: schema.operationId ?? operationIdOf(method, url),
    security: schema.security ?? operationSecurity(method.toUpperCase(), access),
  };
}

type Json = Record<string, unknown>;
const ERROR_REF = { $ref: "#/components/schemas/ApiError" };
const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ERROR_REF } },
});

/**
 * Each operation's refusals: a signed-in operation's 401 (sign in first) and 403 (not your
 * role, or a token without the scope); and for an operation that states no 4XX of its own,
 * the refusals every request can meet before its route (a URL over 2,048 characters, a NUL
 * character: request-limits.ts).
 */
function addRefusals(operation: Json) {
  const responses = (operation.responses ?? {}) as Json;
  const security = (operation.security ?? []) as SecurityRequirement[];
  const signedIn = security.length > 0 && !security.some((r) => Object.keys(r).length === 0);
  if (signedIn) {
    responses["401"] ??= errorResponse("Not signed in, or the session or token has ended");
    responses["403"] ??= errorResponse(
      "Not for the caller's role, organization or token scope, or a write without the CSRF header",
    );
  }
  if (!Object.keys(responses).some((status) => /^4/.test(status)))
    responses["4XX"] = errorResponse(
      "Refused before reaching the operation (e.g. a URL too long, a NUL character)",
    );
  operation.responses = responses;
}

/** Every `$ref` under a value. */
function refsIn(value: unknown, found: Set<string>) {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) {
      if (key === "$ref" && typeof item === "string") found.add(item);
      else refsIn(item, found);
    }
}

/** Only the schemas the paths reach, directly or through other schemas. */
function reachableSchemas(paths: unknown, schemas: Record<string, unknown>) {
  const prefix = "#/components/schemas/";
  const kept: Record<string, unknown> = {};
  const refs = new Set<string>();
  refsIn(paths, refs);
  const queue = [...refs];
  for (let ref = queue.shift(); ref !== undefined; ref = queue.shift()) {
    const name = ref.startsWith(prefix) ? decodeURIComponent(ref.slice(prefix.length)) : null;
    if (name === null || name in kept || !(name in schemas)) continue;
    kept[name] = schemas[name];
    const more = new Set<string>();
    refsIn(schemas[name], more);
    queue.push(...more);
  }
  return kept;
}

/**
 * The finished document: servers (the server that serves it), the licence, the security
 * schemes, each operation's refusals, and the components something refers to (the zod
 * registry also yields an input variant of every response shape, which nothing uses). Throws
 * when two operations share an operationId, so that a new route cannot break clients quietly.
 */
export function finishDocument<T extends Json>(document: T): T {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Json>>;
  const ids = new Map<string, string>();
  for (const [path, operations] of Object.entries(paths))
    for (const [method, operation] of Object.entries(operations)) {
      addRefusals(operation);
      const id = String(operation.operationId);
      const other = ids.get(id);
      if (other) throw new Error(`operationId ${id} of ${method} ${path} is also ${other}'s`);
      ids.set(id, `${method} ${path}`);
    }
  const components = (document.components ?? {}) as Json;
  return {
    ...document,
    info: {
      ...(document.info as Json),
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [
      {
        url: "/",
        description: "The ESCA Hub server this document is served by (paths start with /api)",
      },
    ],
    components: {
      ...components,
      schemas: reachableSchemas(paths, (components.schemas ?? {}) as Record<string, unknown>),
      securitySchemes,
    },
  };
}
