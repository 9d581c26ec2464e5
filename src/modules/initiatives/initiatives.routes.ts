import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { versionInputSchema } from "../../contracts/common.ts";
import { presenters, staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { createInitiative } from "./create-initiative.ts";
import { findInitiativeTransitions } from "./find-initiative-transitions.ts";
import { findInitiatives, getInitiative } from "./find-initiatives.ts";
import {
  createInitiativeSchema,
  transitionInputSchema,
  updateInitiativeSchema,
} from "./initiative-input.schema.ts";
import {
  initiativeIdParams,
  initiativeListSchema,
  initiativeSchema,
  listInitiativesQuerySchema,
  transitionHistorySchema,
  transitionResultSchema,
} from "./initiatives.schema.ts";
import { publishInitiative } from "./publish-initiative.ts";
import { transitionInitiative } from "./transition-initiative.ts";
import { updateInitiative } from "./update-initiative.ts";

const tags = ["initiatives"];

export const initiativeRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/initiatives",
    {
      schema: {
        tags,
        summary: "List initiatives (filter, sort, paginate)",
        querystring: listInitiativesQuerySchema,
        response: { 200: initiativeListSchema, ...errorResponses },
      },
    },
    async (request) =>
      findInitiatives({ db: ctx.db, query: request.query, viewer: request.principal }),
  );
  app.get(
    "/initiatives/:id",
    {
      schema: {
        tags,
        summary: "Read an initiative by id or code",
        params: initiativeIdParams,
        response: { 200: initiativeSchema, ...errorResponses },
      },
    },
    async (request) =>
      getInitiative({ db: ctx.db, idOrCode: request.params.id, viewer: request.principal }),
  );
  app.post(
    "/initiatives",
    {
      config: { access: presenters },
      schema: {
        tags,
        summary: "Present an initiative (it starts as a draft)",
        body: createInitiativeSchema,
        response: { 201: initiativeSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createInitiative({ db: ctx.db, input: request.body, principal: request.principal }),
        ),
  );
  app.patch(
    "/initiatives/:id",
    {
      config: { access: presenters },
      schema: {
        tags,
        summary: "Update an initiative (its status moves only through transitions)",
        params: initiativeIdParams,
        body: updateInitiativeSchema,
        response: { 200: initiativeSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateInitiative({
        db: ctx.db,
        idOrCode: request.params.id,
        input: request.body,
        principal: request.principal,
      }),
  );
  app.get(
    "/initiatives/:id/transitions",
    {
      schema: {
        tags,
        summary: "The initiative's lifecycle history, oldest first",
        params: initiativeIdParams,
        response: { 200: transitionHistorySchema, ...errorResponses },
      },
    },
    async (request) =>
      findInitiativeTransitions({
        db: ctx.db,
        idOrCode: request.params.id,
        viewer: request.principal,
      }),
  );
  app.post(
    "/initiatives/:id/transitions",
    {
      config: { access: presenters },
      schema: {
        tags,
        summary: "Move an initiative one step along its lifecycle",
        description:
          "draft → submitted → endorsed → seeking_funding → in_execution → completed; submitted → rejected or back to draft; anything unfinished → cancelled. Rejecting, cancelling and returning need a reason; in_execution needs commitments covering the budget or a funding_override_reason.",
        params: initiativeIdParams,
        body: transitionInputSchema,
        response: { 201: transitionResultSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await transitionInitiative({
          db: ctx.db,
          idOrCode: request.params.id,
          input: request.body,
          principal: request.principal,
        }),
      ),
  );
  app.post(
    "/initiatives/:id/publication",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Publish an initiative (or withdraw it from the public with published: false)",
        params: initiativeIdParams,
        body: z.object({ published: z.boolean(), version: versionInputSchema.optional() }).strict(),
        response: { 200: initiativeSchema, ...errorResponses },
      },
    },
    async (request) =>
      publishInitiative({
        db: ctx.db,
        idOrCode: request.params.id,
        published: request.body.published,
        version: request.body.version,
        principal: request.principal,
      }),
  );
};
