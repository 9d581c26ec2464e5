import { timingSafeEqual } from "node:crypto";
import cookie from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { roles } from "../../contracts/roles.ts";
import { authenticateToken } from "../../modules/accounts/api-tokens.ts";
import { needsTotpSetup } from "../../modules/accounts/login.ts";
import { anonymous, type Principal } from "../../modules/accounts/principal.ts";
import {
  defaultSessionSettings,
  findLiveSession,
  type SessionSettings,
} from "../../modules/accounts/sessions.ts";
import { findUserRecord } from "../../modules/accounts/users.queries.ts";
import { recordAuditEvent } from "../../modules/audit/index.ts";
import type { SecureCookies } from "../config.ts";
import { AppError } from "../errors.ts";
import { runWithContext, setContextUser } from "../request-context.ts";
import type { AccessRule } from "./access.ts";
import type { AppContext } from "./context.ts";
import { cookiesSecure } from "./transport.ts";

export interface SecuritySettings {
  session: SessionSettings;
  /** Over HTTPS: cookies get `Secure` and the `__Host-` prefix ("auto": per request). */
  secureCookies: SecureCookies;
}
export const defaultSecurity: SecuritySettings = {
  session: defaultSessionSettings,
  secureCookies: "auto",
};

export const sessionCookieName = (security: SecuritySettings, request: FastifyRequest) =>
  cookiesSecure(security.secureCookies, request) ? "__Host-esca_session" : "esca_session";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal;
    /** The session cookie's token when the request was authenticated by one. */
    sessionToken: string | null;
  }
}

const PRINCIPAL = Symbol("principal");
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Routes a signed-in user may use before setting up a required second factor. */
const TOTP_SETUP_ROUTES = new Set([
  "/api/auth/me",
  "/api/auth/logout",
  "/api/auth/totp/setup",
  "/api/auth/totp/enable",
  "/api/auth/password",
]);

/**
 * Every request runs in its own context (for the audit trail), is authenticated from its
 * session cookie or bearer token, and is checked against its route's access rule before
 * validation: rate limit → auth → validate → transaction → handler.
 */
export async function installAuth(
  app: FastifyInstance,
  ctx: AppContext,
  security: SecuritySettings,
): Promise<void> {
  await app.register(cookie);
  // Objects cannot be request decorators (they would be shared): keep each request's own.
  app.decorateRequest("principal", {
    getter(this: FastifyRequest) {
      return (this as unknown as Record<symbol, Principal | undefined>)[PRINCIPAL] ?? anonymous;
    },
    setter(this: FastifyRequest, value: Principal) {
      (this as unknown as Record<symbol, Principal>)[PRINCIPAL] = value;
    },
  });
  app.decorateRequest("sessionToken", null);
  app.addHook("onRequest", (request, _reply, done) => {
    runWithContext(
      {
        requestId: request.id,
        clientAddress: request.ip,
        userId: null,
        actor: "anonymous",
        organizationId: null,
      },
      done,
    );
  });
  // Refusals are security events (ASVS 16.3.2): each one joins the audit trail. By the time
  // this hook runs, the refused use case's transaction has been rolled back.
  app.addHook("onError", async (request, _reply, error) => {
    const code = (error as { code?: string }).code;
    if (code !== "forbidden" && !(code === "unauthorized" && !SAFE_METHODS.has(request.method)))
      return;
    await recordAuditEvent({
      db: ctx.db,
      action: "access_denied",
      entityType: "route",
      entityId: `${request.method} ${request.routeOptions.url ?? request.url.split("?")[0]}`,
      details: { reason: error.message.slice(0, 300) },
    }).catch((failure: unknown) =>
      request.log.error({ err: failure }, "could not record a refusal in the audit trail"),
    );
    request.log.warn({ code, route: request.routeOptions.url }, "access denied");
  });
  app.addHook("preValidation", async (request) => {
    request.principal = anonymous;
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookieToken = request.cookies[sessionCookieName(security, request)];
    let needsSecondFactor = false;
    if (bearer) {
      const principal = await authenticateToken(ctx.db, bearer);
      if (!principal)
        throw new AppError(
          "unauthorized",
          "The API token is unknown, expired or revoked, or no longer fits its user's role.",
        );
      request.principal = principal;
    } else if (cookieToken) {
      const session = await findLiveSession(ctx.db, cookieToken, security.session);
      const record = session && (await findUserRecord(ctx.db, session.user_id));
      if (session && record) {
        request.sessionToken = cookieToken;
        request.principal = {
          kind: "user",
          userId: record.id,
          email: record.email,
          role: record.role as (typeof roles)[number],
          organizationId: record.organization_id,
          organizationKind: record.organization_kind,
          country: record.organization_kind === "member_state" ? record.organization_country : null,
          via: "session",
        };
        needsSecondFactor = needsTotpSetup(record);
        if (!SAFE_METHODS.has(request.method)) assertCsrf(request, session.csrf_token);
      }
    }
    if (request.principal.kind === "user") {
      setContextUser({
        id: request.principal.userId,
        email: request.principal.email,
        organizationId: request.principal.organizationId,
      });
    }
    if (needsSecondFactor && !TOTP_SETUP_ROUTES.has(request.routeOptions.url ?? "")) {
      throw new AppError(
        "forbidden",
        "Your role requires two-factor authentication: set it up first (POST /api/auth/totp/setup).",
        { reason: "totp_setup_required" },
      );
    }
    assertAccess(request, request.routeOptions.config.access);
  });
}

function assertCsrf(request: FastifyRequest, expected: string): void {
  const given = request.headers["x-csrf-token"];
  const value = Array.isArray(given) ? given[0] : given;
  const ok =
    typeof value === "string" &&
    value.length === expected.length &&
    timingSafeEqual(Buffer.from(value), Buffer.from(expected));
  if (!ok)
    throw new AppError(
      "forbidden",
      "Missing or wrong X-CSRF-Token header: reload the page and try again.",
      { reason: "csrf" },
    );
}

function assertAccess(request: FastifyRequest, rule: AccessRule | undefined): void {
  const mutating = !SAFE_METHODS.has(request.method);
  if (rule === undefined) {
    // Fail closed: a route that changes data and says nothing about who may call it is refused.
    if (mutating && request.routeOptions.url) {
      request.log.error(
        { route: request.routeOptions.url },
        "mutating route without an access rule",
      );
      throw new AppError("forbidden", "This action is not open to anyone.");
    }
    return;
  }
  if (rule === "public") return;
  const principal = request.principal;
  if (principal.kind === "anonymous") throw new AppError("unauthorized", "Sign in first.");
  if (principal.kind !== "user") return;
  if (!rule.roles.includes(principal.role)) {
    throw new AppError(
      "forbidden",
      `Your role (${principal.role.replace("_", " ")}) may not do this; it is for: ${rule.roles.map((r) => r.replace("_", " ")).join(", ")}.`,
    );
  }
  if (principal.via === "token" && (!rule.scope || !principal.scopes?.includes(rule.scope))) {
    throw new AppError(
      "forbidden",
      rule.scope
        ? `This API token lacks the scope "${rule.scope}".`
        : "This action needs a signed-in session, not an API token.",
    );
  }
}

/** Every signed-in role. */
export const signedIn: AccessRule = { roles };
