import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { presenters } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { defineResultsIndicator } from "./define-results-indicator.ts";
import { findResultsFramework } from "./find-results-framework.ts";
import { reportActual } from "./report-actual.ts";
import {
  defineResultsIndicatorSchema,
  initiativeParams,
  reportActualSchema,
  resultsFrameworkSchema,
  resultsIndicatorParams,
  resultsIndicatorSchema,
  updateResultsIndicatorSchema,
} from "./results.schema.ts";
import { updateResultsIndicator } from "./update-results-indicator.ts";

const tags = ["results"];

export const resultsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/initiatives/:id/results",
    {
      schema: {
        tags,
        summary: "An initiative's results framework: its indicators, targets, actuals, progress",
        params: initiativeParams,
        response: { 200: resultsFrameworkSchema, ...errorResponses },
      },
    },
    async (request) =>
      findResultsFramework({
        db: ctx.db,
        initiativeIdOrCode: request.params.id,
        viewer: request.principal,
      }),
  );
  app.post(
    "/initiatives/:id/results",
    {
      config: { access: presenters },
      schema: {
        tags,
        summary: "Add an output or outcome indicator with its baseline and targets",
        params: initiativeParams,
        body: defineResultsIndicatorSchema,
        response: { 201: resultsIndicatorSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await defineResultsIndicator({
          db: ctx.db,
          initiativeIdOrCode: request.params.id,
          input: request.body,
          principal: request.principal,
        }),
      ),
  );
  app.patch(
    "/results-indicators/:id",
    {
      config: { access: presenters },
      schema: {
        tags,
        summary: "Rename a results indicator or reset its baseline or targets",
        params: resultsIndicatorParams,
        body: updateResultsIndicatorSchema,
        response: { 200: resultsIndicatorSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateResultsIndicator({
        db: ctx.db,
        id: request.params.id,
        input: request.body,
        principal: request.principal,
      }),
  );
  app.post(
    "/results-indicators/:id/actuals",
    {
      config: { access: presenters },
      schema: {
        tags,
        summary: "Report the actual value of a year, with its evidence (again: a correction)",
        params: resultsIndicatorParams,
        body: reportActualSchema,
        response: { 200: resultsIndicatorSchema, 201: resultsIndicatorSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { indicator, created } = await reportActual({
        db: ctx.db,
        resultsIndicatorId: request.params.id,
        input: request.body,
        principal: request.principal,
      });
      return reply.status(created ? 201 : 200).send(indicator);
    },
  );
};
