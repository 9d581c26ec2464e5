import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { bodyResponders, presenters } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { createSupportRequest } from "./create-support-request.ts";
import { findSupportRequests, getSupportRequest } from "./find-support-requests.ts";
import { linkRequestFlow } from "./link-request-flow.ts";
import { recordRequestStep } from "./record-request-step.ts";
import {
  createSupportRequestSchema,
  linkRequestFlowSchema,
  listSupportRequestsQuerySchema,
  supportRequestDetailSchema,
  supportRequestIdParams,
  supportRequestListSchema,
  supportRequestStepInputSchema,
} from "./support-requests.schema.ts";

const tags = ["support-requests"];

export const supportRequestRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/support-requests",
    {
      schema: {
        tags,
        summary: "List support requests (public once acknowledged, on published initiatives)",
        querystring: listSupportRequestsQuerySchema,
        response: { 200: supportRequestListSchema, ...errorResponses },
      },
    },
    async (request) =>
      findSupportRequests({ db: ctx.db, query: request.query, viewer: request.principal }),
  );
  app.get(
    "/support-requests/:id",
    {
      schema: {
        tags,
        summary: "Read a support request and its timeline",
        params: supportRequestIdParams,
        response: { 200: supportRequestDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      getSupportRequest({ db: ctx.db, id: request.params.id, viewer: request.principal }),
  );
  app.post(
    "/support-requests",
    {
      config: { access: presenters },
      schema: {
        tags,
        summary: "Ask the General Secretariat or an OAS body for technical support",
        body: createSupportRequestSchema,
        response: { 201: supportRequestDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createSupportRequest({
          db: ctx.db,
          input: request.body,
          principal: request.principal,
        }),
      ),
  );
  app.post(
    "/support-requests/:id/steps",
    {
      config: { access: bodyResponders },
      schema: {
        tags,
        summary: "Acknowledge, accept, decline, report progress on or complete a request",
        params: supportRequestIdParams,
        body: supportRequestStepInputSchema,
        response: { 201: supportRequestDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await recordRequestStep({
          db: ctx.db,
          id: request.params.id,
          input: request.body,
          principal: request.principal,
        }),
      ),
  );
  app.post(
    "/support-requests/:id/flow",
    {
      config: { access: bodyResponders },
      schema: {
        tags,
        summary: "Link a completed request to the technical-support entry in the ledger",
        params: supportRequestIdParams,
        body: linkRequestFlowSchema,
        response: { 200: supportRequestDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      linkRequestFlow({
        db: ctx.db,
        id: request.params.id,
        flowId: request.body.flow_id,
        principal: request.principal,
      }),
  );
};
