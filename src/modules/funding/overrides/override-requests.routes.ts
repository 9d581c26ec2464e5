import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AccessRule } from "../../../platform/http/access.ts";
import { staff } from "../../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../../platform/http/context.ts";
import { errorResponses } from "../../../platform/http/responses.ts";
import { decideOverDisbursement } from "./decide-over-disbursement.ts";
import {
  findOverDisbursementRequests,
  getOverDisbursementRequest,
} from "./find-over-disbursement-requests.ts";
import {
  approveOverDisbursementSchema,
  declineOverDisbursementSchema,
  listOverDisbursementRequestsQuerySchema,
  overDisbursementRequestIdParams,
  overDisbursementRequestListSchema,
  overDisbursementRequestSchema,
  requestOverDisbursementSchema,
} from "./override-requests.schema.ts";
import { requestOverDisbursement } from "./request-over-disbursement.ts";

const tags = ["over-disbursements"];
/** A partner asks; its own organization only (the policy), never the secretariat. */
const requesters: AccessRule = { roles: ["partner"], scope: "flows:write" };
/** A partner reads its own requests, the secretariat all of them. */
const readers: AccessRule = { roles: ["partner", "secretariat", "admin"], scope: "read" };

/** Over-disbursement requests: a partner asks, the secretariat approves or declines. */
export const overDisbursementRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/over-disbursement-requests",
    {
      config: { access: readers },
      schema: {
        tags,
        summary: "List over-disbursement requests (a partner's own; all for the secretariat)",
        querystring: listOverDisbursementRequestsQuerySchema,
        response: { 200: overDisbursementRequestListSchema, ...errorResponses },
      },
    },
    async (request) =>
      findOverDisbursementRequests({ db: ctx.db, query: request.query, viewer: request.principal }),
  );
  app.get(
    "/over-disbursement-requests/:id",
    {
      config: { access: readers },
      schema: {
        tags,
        summary: "Read an over-disbursement request",
        params: overDisbursementRequestIdParams,
        response: { 200: overDisbursementRequestSchema, ...errorResponses },
      },
    },
    async (request) =>
      getOverDisbursementRequest({ db: ctx.db, id: request.params.id, viewer: request.principal }),
  );
  app.post(
    "/over-disbursement-requests",
    {
      config: { access: requesters },
      schema: {
        tags,
        summary: "Ask the secretariat to record a disbursement above its commitment",
        description:
          "A partner's disbursement that would go beyond its commitments to an initiative is refused (409 over_commitment, reason override_required). The partner records an amended commitment, or asks here; the secretariat approves (the disbursement is then recorded with the reason) or declines.",
        body: requestOverDisbursementSchema,
        response: { 201: overDisbursementRequestSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await requestOverDisbursement({
          db: ctx.db,
          input: request.body,
          principal: request.principal,
        }),
      ),
  );
  app.post(
    "/over-disbursement-requests/:id/approval",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Approve a request: the disbursement is recorded with its reason",
        params: overDisbursementRequestIdParams,
        body: approveOverDisbursementSchema,
        response: { 200: overDisbursementRequestSchema, ...errorResponses },
      },
    },
    async (request) =>
      decideOverDisbursement({
        db: ctx.db,
        id: request.params.id,
        decision: "approved",
        note: request.body.note ?? null,
        principal: request.principal,
      }),
  );
  app.post(
    "/over-disbursement-requests/:id/refusal",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Decline a request, with a note saying why",
        params: overDisbursementRequestIdParams,
        body: declineOverDisbursementSchema,
        response: { 200: overDisbursementRequestSchema, ...errorResponses },
      },
    },
    async (request) =>
      decideOverDisbursement({
        db: ctx.db,
        id: request.params.id,
        decision: "declined",
        note: request.body.note,
        principal: request.principal,
      }),
  );
};
