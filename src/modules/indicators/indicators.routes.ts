import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { observers, staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { createIndicator } from "./create-indicator.ts";
import { findIndicators, getIndicator } from "./find-indicators.ts";
import { findObservations } from "./find-observations.ts";
import {
  createIndicatorSchema,
  indicatorIdParams,
  indicatorListSchema,
  indicatorSchema,
  listIndicatorsQuerySchema,
  listObservationsQuerySchema,
  observationListSchema,
  observationSchema,
  recordObservationSchema,
  updateIndicatorSchema,
  updateObservationSchema,
} from "./indicators.schema.ts";
import { recordObservation } from "./record-observation.ts";
import { updateIndicator } from "./update-indicator.ts";
import { updateObservation } from "./update-observation.ts";

const tags = ["indicators"];

export const indicatorRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/indicators",
    {
      schema: {
        tags,
        summary: "List indicator definitions",
        querystring: listIndicatorsQuerySchema,
        response: { 200: indicatorListSchema, ...errorResponses },
      },
    },
    async (request) => findIndicators({ db: ctx.db, query: request.query }),
  );
  app.get(
    "/indicators/:id",
    {
      schema: {
        tags,
        summary: "Read an indicator by id or code",
        params: indicatorIdParams,
        response: { 200: indicatorSchema, ...errorResponses },
      },
    },
    async (request) => getIndicator({ db: ctx.db, idOrCode: request.params.id }),
  );
  app.post(
    "/indicators",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Define an indicator",
        body: createIndicatorSchema,
        response: { 201: indicatorSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createIndicator({ db: ctx.db, input: request.body })),
  );
  app.patch(
    "/indicators/:id",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Update an indicator",
        params: indicatorIdParams,
        body: updateIndicatorSchema,
        response: { 200: indicatorSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateIndicator({ db: ctx.db, idOrCode: request.params.id, input: request.body }),
  );
  app.get(
    "/indicators/:id/observations",
    {
      schema: {
        tags,
        summary: "List an indicator's values by country and year",
        params: indicatorIdParams,
        querystring: listObservationsQuerySchema,
        response: { 200: observationListSchema, ...errorResponses },
      },
    },
    async (request) =>
      findObservations({
        db: ctx.db,
        indicatorIdOrCode: request.params.id,
        query: request.query,
      }),
  );
  app.post(
    "/indicators/:id/observations",
    {
      config: { access: observers },
      schema: {
        tags,
        summary: "Record a value for a country and year (replaces the one recorded before)",
        params: indicatorIdParams,
        body: recordObservationSchema,
        response: { 200: observationSchema, 201: observationSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { observation, created } = await recordObservation({
        db: ctx.db,
        indicatorIdOrCode: request.params.id,
        input: request.body,
        principal: request.principal,
      });
      return reply.status(created ? 201 : 200).send(observation);
    },
  );
  app.patch(
    "/observations/:id",
    {
      config: { access: observers },
      schema: {
        tags,
        summary: "Correct a recorded value or its source",
        params: indicatorIdParams,
        body: updateObservationSchema,
        response: { 200: observationSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateObservation({
        db: ctx.db,
        id: request.params.id,
        input: request.body,
        principal: request.principal,
      }),
  );
};
