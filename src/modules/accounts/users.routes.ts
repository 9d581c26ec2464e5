import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../../platform/errors.ts";
import type { AccessRule } from "../../platform/http/access.ts";
import { signedIn } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import type { Principal } from "../../platform/principal.ts";
import {
  apiTokenSchema,
  createdTokenSchema,
  createdUserSchema,
  createTokenSchema,
  createUserSchema,
  listUsersQuerySchema,
  passwordResetSchema,
  tokenIdParams,
  tokenListSchema,
  updateUserSchema,
  userIdParams,
  userListSchema,
  userSchema,
} from "./accounts.schema.ts";
import { createApiToken, findApiTokens, revokeApiToken } from "./api-tokens.ts";
import { createUser } from "./create-user.ts";
import { findUsers, getUser } from "./find-users.ts";
import { resetPassword } from "./manage-password.ts";
import { updateUser } from "./update-user.ts";

const staff: AccessRule = { roles: ["secretariat", "admin"] };
export const userRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/users",
    {
      config: { access: staff },
      schema: {
        tags: ["users"],
        summary: "List users",
        querystring: listUsersQuerySchema,
        response: { 200: userListSchema, ...errorResponses },
      },
    },
    async (request) => findUsers({ db: ctx.db, query: request.query }),
  );
  app.get(
    "/users/:id",
    {
      config: { access: staff },
      schema: {
        tags: ["users"],
        summary: "Read a user by id or email",
        params: userIdParams,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => getUser({ db: ctx.db, idOrEmail: request.params.id }),
  );
  app.post(
    "/users",
    {
      config: { access: staff },
      schema: {
        tags: ["users"],
        summary: "Create a user",
        body: createUserSchema,
        response: { 201: createdUserSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { user, generatedPassword } = await createUser({
        db: ctx.db,
        input: request.body,
        principal: request.principal,
      });
      return reply.status(201).send({ user, generated_password: generatedPassword });
    },
  );
  app.patch(
    "/users/:id",
    {
      config: { access: staff },
      schema: {
        tags: ["users"],
        summary:
          "Change a user's name, role, organization or active flag (disabling the account or changing its role or organization ends its sessions and API tokens)",
        params: userIdParams,
        body: updateUserSchema,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateUser({
        db: ctx.db,
        idOrEmail: request.params.id,
        input: request.body,
        principal: request.principal,
      }),
  );
  app.post(
    "/users/:id/reset-password",
    {
      config: { access: staff },
      schema: {
        tags: ["users"],
        summary: "Set a new random password, shown once; all sessions and API tokens end",
        params: userIdParams,
        response: { 200: passwordResetSchema, ...errorResponses },
      },
    },
    async (request) =>
      resetPassword({ db: ctx.db, idOrEmail: request.params.id, principal: request.principal }),
  );

  const own = (principal: Principal) => {
    if (principal.kind !== "user") throw new AppError("unauthorized", "Sign in first.");
    return {
      userId: principal.userId,
      organizationId: principal.organizationId,
      role: principal.role,
    };
  };
  app.get(
    "/tokens",
    {
      config: { access: signedIn },
      schema: {
        tags: ["users"],
        summary: "Your API tokens",
        response: { 200: tokenListSchema, ...errorResponses },
      },
    },
    async (request) => findApiTokens({ db: ctx.db, userId: own(request.principal).userId }),
  );
  app.post(
    "/tokens",
    {
      config: { access: signedIn },
      schema: {
        tags: ["users"],
        summary: "Create an API token for your organization (shown once)",
        body: createTokenSchema,
        response: { 201: createdTokenSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createApiToken({ db: ctx.db, user: own(request.principal), input: request.body }),
        ),
  );
  app.delete(
    "/tokens/:id",
    {
      config: { access: signedIn },
      schema: {
        tags: ["users"],
        summary: "Revoke one of your API tokens",
        params: tokenIdParams,
        response: { 200: apiTokenSchema, ...errorResponses },
      },
    },
    async (request) =>
      revokeApiToken({ db: ctx.db, userId: own(request.principal).userId, id: request.params.id }),
  );
};
