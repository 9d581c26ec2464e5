import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { okSchema } from "../../contracts/shapes.ts";
import { AppError } from "../../platform/errors.ts";
import { signedIn } from "../../platform/http/access-rules.ts";
import { defaultSecurity, sessionCookieName } from "../../platform/http/auth.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { setContextUser } from "../../platform/request-context.ts";
import { recordAuditEvent } from "../audit/index.ts";
import {
  changePasswordSchema,
  loginSchema,
  sessionSchema,
  totpCodeSchema,
  totpDisableSchema,
  totpSetupSchema,
} from "./accounts.schema.ts";
import { login, needsTotpSetup } from "./login.ts";
import { changePassword } from "./manage-password.ts";
import { disableTotp, enableTotp, setUpTotp } from "./manage-totp.ts";
import { endSession, findLiveSession } from "./sessions.ts";
import { findUserRecord, toUser } from "./users.queries.ts";

const tags = ["auth"];

export const authRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const security = ctx.security ?? defaultSecurity;
  // Secure (and __Host-) when this request came over HTTPS, or as ESCA_SECURE_COOKIES says.
  const sessionCookie = (request: FastifyRequest) => {
    const name = sessionCookieName(security, request);
    const secure = name.startsWith("__Host-");
    return { name, options: { httpOnly: true, sameSite: "lax" as const, secure, path: "/" } };
  };
  const userId = (principal: { kind: string; userId?: string }) => {
    if (principal.kind !== "user" || !principal.userId)
      throw new AppError("unauthorized", "Sign in first.");
    return principal.userId;
  };

  app.post(
    "/auth/login",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Sign in (starts a session cookie; returns the CSRF token for writes)",
        body: loginSchema,
        response: {
          200: sessionSchema,
          401: errorResponses[400],
          429: errorResponses[400],
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await login({
        db: ctx.db,
        email: request.body.email,
        password: request.body.password,
        totp: request.body.totp,
        settings: security.session,
        clientAddress: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
      }).catch(async (error: unknown) => {
        const code = (error as { code?: string }).code;
        if (code === "unauthorized" || code === "rate_limited") {
          await recordAuditEvent({
            db: ctx.db,
            action: "login_failed",
            entityType: "users",
            entityId: null,
            details: { email: request.body.email, reason: code },
          });
        }
        throw error;
      });
      setContextUser({
        id: result.user.id,
        email: result.user.email,
        organizationId: result.user.organization.id,
      });
      await recordAuditEvent({
        db: ctx.db,
        action: "login",
        entityType: "users",
        entityId: result.user.id,
      });
      const cookie = sessionCookie(request);
      reply.setCookie(cookie.name, result.token, { ...cookie.options, expires: result.expiresAt });
      return {
        user: result.user,
        csrf_token: result.csrfToken,
        needs_totp_setup: result.needsTotpSetup,
      };
    },
  );

  app.post(
    "/auth/logout",
    {
      config: { access: signedIn },
      schema: {
        tags,
        summary: "Sign out (ends this session)",
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (request.sessionToken) await endSession(ctx.db, request.sessionToken);
      if (request.principal.kind === "user")
        await recordAuditEvent({
          db: ctx.db,
          action: "logout",
          entityType: "users",
          entityId: request.principal.userId,
        });
      const cookie = sessionCookie(request);
      reply.clearCookie(cookie.name, cookie.options);
      return { ok: true as const };
    },
  );

  app.get(
    "/auth/me",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "The signed-in user and CSRF token, or nulls",
        response: { 200: sessionSchema },
      },
    },
    async (request) => {
      if (request.principal.kind !== "user" || !request.sessionToken)
        return { user: null, csrf_token: null, needs_totp_setup: false };
      const session = await findLiveSession(ctx.db, request.sessionToken, security.session);
      const record = await findUserRecord(ctx.db, request.principal.userId);
      if (!session || !record) return { user: null, csrf_token: null, needs_totp_setup: false };
      return {
        user: toUser(record),
        csrf_token: session.csrf_token,
        needs_totp_setup: needsTotpSetup(record),
      };
    },
  );

  app.post(
    "/auth/password",
    {
      config: { access: signedIn },
      schema: {
        tags,
        summary: "Change your password (your other sessions and your API tokens end)",
        body: changePasswordSchema,
        response: { 200: okSchema, 429: errorResponses[400], ...errorResponses },
      },
    },
    async (request) => {
      await changePassword({
        db: ctx.db,
        userId: userId(request.principal),
        currentPassword: request.body.current_password,
        newPassword: request.body.new_password,
        keepSessionToken: request.sessionToken,
      });
      return { ok: true as const };
    },
  );

  app.post(
    "/auth/totp/setup",
    {
      config: { access: signedIn },
      schema: {
        tags,
        summary: "Start two-factor setup: a secret for your authenticator app",
        response: { 200: totpSetupSchema, ...errorResponses },
      },
    },
    async (request) => setUpTotp({ db: ctx.db, userId: userId(request.principal) }),
  );
  app.post(
    "/auth/totp/enable",
    {
      config: { access: signedIn },
      schema: {
        tags,
        summary: "Confirm two-factor setup with a code",
        body: totpCodeSchema,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      await enableTotp({
        db: ctx.db,
        userId: userId(request.principal),
        code: request.body.code,
        sessionToken: request.sessionToken,
      });
      return { ok: true as const };
    },
  );
  app.post(
    "/auth/totp/disable",
    {
      config: { access: signedIn },
      schema: {
        tags,
        summary: "Turn two-factor authentication off (not for secretariat or admin)",
        body: totpDisableSchema,
        response: {
          200: okSchema,
          403: errorResponses[400],
          429: errorResponses[400],
          ...errorResponses,
        },
      },
    },
    async (request) => {
      await disableTotp({
        db: ctx.db,
        userId: userId(request.principal),
        code: request.body.code,
        password: request.body.password,
      });
      return { ok: true as const };
    },
  );
};
