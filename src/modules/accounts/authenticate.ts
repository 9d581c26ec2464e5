import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Role } from "../../contracts/roles.ts";
import { AppError } from "../../platform/errors.ts";
import { assertAccess, isSafeMethod } from "../../platform/http/access.ts";
import { type SecuritySettings, sessionCookieName } from "../../platform/http/auth.ts";
import type { AppContext } from "../../platform/http/context.ts";
import { anonymous } from "../../platform/principal.ts";
import { setContextUser } from "../../platform/request-context.ts";
import { authenticateToken } from "./api-tokens.ts";
import { needsTotpSetup } from "./login.ts";
import { findLiveSessionUser } from "./sessions.ts";

/** Routes a signed-in user may use before setting up a required second factor. */
const TOTP_SETUP_ROUTES = new Set([
  "/api/auth/me",
  "/api/auth/logout",
  "/api/auth/totp/setup",
  "/api/auth/totp/enable",
  "/api/auth/password",
]);

/**
 * Who is calling: each request is authenticated from its session cookie (writes also need the
 * session's CSRF token) or its bearer API token, and is then checked against its route's access
 * rule before validation: rate limit → auth → validate → transaction → handler. Needs the
 * request's principal installed first (`installRequestPrincipal`).
 */
export function installAuthentication(
  app: FastifyInstance,
  ctx: AppContext,
  security: SecuritySettings,
): void {
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
      const found = await findLiveSessionUser(ctx.db, cookieToken, security.session);
      if (found) {
        const { session, record } = found;
        request.sessionToken = cookieToken;
        request.principal = {
          kind: "user",
          userId: record.id,
          email: record.email,
          role: record.role as Role,
          organizationId: record.organization_id,
          organizationKind: record.organization_kind,
          country: record.organization_kind === "member_state" ? record.organization_country : null,
          via: "session",
        };
        needsSecondFactor = needsTotpSetup(record);
        if (!isSafeMethod(request.method)) assertCsrf(request, session.csrf_token);
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
