import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { flowWriters } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { isStaff } from "../accounts/index.ts";
import { findFlows, getFlow } from "./find-flows.ts";
import {
  flowIdParams,
  flowListSchema,
  flowSchema,
  listFlowsQuerySchema,
  recordFlowSchema,
  reverseFlowSchema,
} from "./flows.schema.ts";
import { fundingSummaryQuerySchema, fundingSummarySchema } from "./funding.schema.ts";
import { recordFlow } from "./record-flow.ts";
import { reverseFlow } from "./reverse-flow.ts";
import { summarizeFunding } from "./summarize-funding.ts";

const tags = ["funding"];

/** The ledger has no PATCH or DELETE on purpose: a correction is a reversal plus a new entry. */
export const fundingRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/flows",
    {
      schema: {
        tags,
        summary: "List support flows (ledger entries, reversals included by default)",
        querystring: listFlowsQuerySchema,
        response: { 200: flowListSchema, ...errorResponses },
      },
    },
    async (request) => findFlows({ db: ctx.db, query: request.query, viewer: request.principal }),
  );
  app.get(
    "/flows/:id",
    {
      schema: {
        tags,
        summary: "Read a support flow",
        params: flowIdParams,
        response: { 200: flowSchema, ...errorResponses },
      },
    },
    async (request) => getFlow({ db: ctx.db, id: request.params.id, viewer: request.principal }),
  );
  app.post(
    "/flows",
    {
      config: { access: flowWriters },
      schema: {
        tags,
        summary: "Record an offer, pledge, commitment or disbursement",
        description:
          "The amount is converted to USD once, with the exchange rate of value_date. A disbursement that would take a partner's disbursements to an initiative above its commitments is refused (409 over_commitment) unless over_commitment_reason is given.",
        body: recordFlowSchema,
        response: { 201: flowSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recordFlow({ db: ctx.db, input: request.body, principal: request.principal })),
  );
  app.post(
    "/flows/:id/reversal",
    {
      config: { access: flowWriters },
      schema: {
        tags,
        summary: "Reverse a support flow (at most once)",
        params: flowIdParams,
        body: reverseFlowSchema,
        response: { 201: flowSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await reverseFlow({
          db: ctx.db,
          flowId: request.params.id,
          input: request.body,
          principal: request.principal,
        }),
      ),
  );
  app.get(
    "/funding/summary",
    {
      schema: {
        tags,
        summary: "Funding roll-up: budget, announced, committed, disbursed, coverage and gap",
        querystring: fundingSummaryQuerySchema,
        response: { 200: fundingSummarySchema, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      return summarizeFunding({
        db: ctx.db,
        by: q.by,
        filter: {
          ...(q.component && { componentIds: q.component }),
          ...(q.country && { countries: q.country }),
          ...(q.partner && { partnerIds: q.partner }),
          ...(q.year && { years: q.year }),
          ...(q.initiative && { initiativeIds: q.initiative }),
          ...(q.finance_type && { financeTypes: q.finance_type }),
          ...(q.conference && { conferenceIds: q.conference }),
          publishedOnly: !isStaff(request.principal),
        },
      });
    },
  );
};
