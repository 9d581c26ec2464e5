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
  languageInputSchema,
  loginSchema,
  recoveryCodeStatusSchema,
  recoveryCodesSchema,
  regenerateRecoveryCodesSchema,
  sessionSchema,
  totpCodeSchema,
  totpDisableSchema,
  totpSetupSchema,
  userSchema,
} from "./accounts.schema.ts";
import { login, needsTotpSetup } from "./login.ts";
import { changePassword } from "./manage-password.ts";
import { findRecoveryCodeStatus, regenerateRecoveryCodes } from "./manage-recovery-codes.ts";
import { disableTotp, enableTotp, setUpTotp } from "./manage-totp.ts";
import { endSession, findLiveSession } from "./sessions.ts";
import { setLanguage } from "./set-language.ts";
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
  // The event says a set was made, never its codes.
  const recordCodesMade = (id: string, cause: "enable" | "regenerate") =>
    recordAuditEvent({
      db: ctx.db,
      action: "recovery_codes_generated",
      entityType: "users",
      entityId: id,
      details: { cause },
    });

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
        recoveryCode: request.body.recovery_code,
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
      if (result.recoveryCodesRemaining !== null)
        await recordAuditEvent({
          db: ctx.db,
          action: "recovery_code_used",
          entityType: "users",
          entityId: result.user.id,
          details: { remaining: result.recoveryCodesRemaining },
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

  app.put(
    "/auth/language",
    {
      config: { access: signedIn },
      schema: {
        tags,
        summary: "Set the language of your e-mail (reminder digests)",
        body: languageInputSchema,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) =>
      setLanguage({
        db: ctx.db,
        userId: userId(request.principal),
        language: request.body.language,
      }),
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
        summary: "Confirm two-factor setup with a code (answers with the recovery codes, once)",
        body: totpCodeSchema,
        response: { 200: recoveryCodesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const id = userId(request.principal);
      const result = await enableTotp({
        db: ctx.db,
        userId: id,
        code: request.body.code,
        sessionToken: request.sessionToken,
      });
      await recordCodesMade(id, "enable");
      return result;
    },
  );
  app.get(
    "/auth/totp/recovery-codes",
    {
      config: { access: signedIn },
      schema: {
        tags,
        summary: "How many of your recovery codes are left",
        response: { 200: recoveryCodeStatusSchema, ...errorResponses },
      },
    },
    async (request) => findRecoveryCodeStatus({ db: ctx.db, userId: userId(request.principal) }),
  );
  app.post(
    "/auth/totp/recovery-codes",
    {
      config: { access: signedIn },
      schema: {
        tags,
        summary: "New recovery codes (the old ones stop working; shown once)",
        body: regenerateRecoveryCodesSchema,
        response: { 200: recoveryCodesSchema, 429: errorResponses[400], ...errorResponses },
      },
    },
    async (request) => {
      const id = userId(request.principal);
      const result = await regenerateRecoveryCodes({
        db: ctx.db,
        userId: id,
        password: request.body.password,
      });
      await recordCodesMade(id, "regenerate");
      return result;
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
