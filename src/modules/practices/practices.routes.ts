import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { okSchema } from "../../contracts/shapes.ts";
import { staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { createPractice } from "./create-practice.ts";
import { deletePractice } from "./delete-practice.ts";
import { findPractices, getPractice } from "./find-practices.ts";
import {
  listPracticesQuerySchema,
  practiceDetailSchema,
  practiceInputSchema,
  practiceListSchema,
  practiceParams,
  practiceStatusSchema,
  updatePracticeSchema,
} from "./practices.schema.ts";
import { setPracticeStatus } from "./set-practice-status.ts";
import { updatePractice } from "./update-practice.ts";

const tags = ["practices"];

export const practiceRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/practices",
    {
      schema: {
        tags,
        summary: "List good practices (published ones; the secretariat also sees drafts)",
        querystring: listPracticesQuerySchema,
        response: { 200: practiceListSchema, ...errorResponses },
      },
    },
    async (request) =>
      findPractices({ db: ctx.db, query: request.query, viewer: request.principal }),
  );
  app.get(
    "/practices/:id",
    {
      schema: {
        tags,
        summary: "Read a good practice by id or slug, its body rendered safely",
        params: practiceParams,
        response: { 200: practiceDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      getPractice({ db: ctx.db, idOrSlug: request.params.id, viewer: request.principal }),
  );
  app.post(
    "/practices",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Write a good practice as a draft (secretariat)",
        body: practiceInputSchema,
        response: { 201: practiceDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createPractice({ db: ctx.db, input: request.body, principal: request.principal }),
        ),
  );
  app.put(
    "/practices/:id",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Edit a good practice (secretariat)",
        params: practiceParams,
        body: updatePracticeSchema,
        response: { 200: practiceDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      updatePractice({
        db: ctx.db,
        idOrSlug: request.params.id,
        input: request.body,
        principal: request.principal,
      }),
  );
  app.put(
    "/practices/:id/status",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Publish a good practice, or withdraw it to draft (secretariat)",
        params: practiceParams,
        body: practiceStatusSchema,
        response: { 200: practiceDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      setPracticeStatus({
        db: ctx.db,
        idOrSlug: request.params.id,
        status: request.body.status,
        version: request.body.version,
        principal: request.principal,
      }),
  );
  app.delete(
    "/practices/:id",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Discard a draft good practice (secretariat)",
        params: practiceParams,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      await deletePractice({ db: ctx.db, idOrSlug: request.params.id });
      return { ok: true as const };
    },
  );
};
