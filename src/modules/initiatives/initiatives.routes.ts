import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf, type RouteOptions } from "../../platform/http/context.ts";
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
    async (request) => findInitiatives({ db: ctx.db, query: request.query }),
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
    async (request) => getInitiative({ db: ctx.db, idOrCode: request.params.id }),
  );
  app.post(
    "/initiatives",
    {
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
        .send(await createInitiative({ db: ctx.db, input: request.body, actor: actorOf(request) })),
  );
  app.patch(
    "/initiatives/:id",
    {
      schema: {
        tags,
        summary: "Update an initiative (its status moves only through transitions)",
        params: initiativeIdParams,
        body: updateInitiativeSchema,
        response: { 200: initiativeSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateInitiative({ db: ctx.db, idOrCode: request.params.id, input: request.body }),
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
    async (request) => findInitiativeTransitions({ db: ctx.db, idOrCode: request.params.id }),
  );
  app.post(
    "/initiatives/:id/transitions",
    {
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
          actor: actorOf(request),
        }),
      ),
  );
};
