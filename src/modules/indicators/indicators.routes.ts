import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { observers, staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { createIndicator } from "./create-indicator.ts";
import { exportObservationsCsv } from "./export-observations-csv.ts";
import { findIndicators, getIndicator } from "./find-indicators.ts";
import { findObservations } from "./find-observations.ts";
import {
  importObservationsCsv,
  observationsRefusal,
  previewObservationsCsv,
} from "./import-observations-csv.ts";
import {
  createIndicatorSchema,
  importObservationsQuerySchema,
  indicatorIdParams,
  indicatorListSchema,
  indicatorSchema,
  listIndicatorsQuerySchema,
  listObservationsQuerySchema,
  observationImportResultSchema,
  observationListSchema,
  observationSchema,
  recordObservationSchema,
  updateIndicatorSchema,
  updateObservationSchema,
} from "./indicators.schema.ts";
import { MAX_OBSERVATIONS_CSV_BYTES } from "./read-observations-csv.ts";
import { recordObservation } from "./record-observation.ts";
import { updateIndicator } from "./update-indicator.ts";
import { updateObservation } from "./update-observation.ts";

const tags = ["indicators"];

const csvHelp =
  "Header indicator,country,year,value,source and, optionally, sex (total, female or male) and notes: the columns GET /indicators/{id}/observations.csv writes. Each problem names its line (the header is line 1), its column and a stable code.";

export const indicatorRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.addContentTypeParser(
    "text/csv",
    { parseAs: "string", bodyLimit: MAX_OBSERVATIONS_CSV_BYTES },
    (_request, body, done) => done(null, body),
  );
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
  app.get(
    "/indicators/:id/observations.csv",
    {
      schema: {
        tags,
        summary: "An indicator's values as CSV (every source and disaggregation; imports back)",
        params: indicatorIdParams,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const { code, csv } = await exportObservationsCsv({
        db: ctx.db,
        indicatorIdOrCode: request.params.id,
      });
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="esca-${code}.csv"`)
        .send(csv);
    },
  );
  app.post(
    "/indicators/import/preview",
    {
      config: { access: observers },
      schema: {
        tags,
        summary: "Check an observations CSV row by row; writes nothing",
        description: csvHelp,
        consumes: ["text/csv"],
        body: z.string(),
        response: { 200: observationImportResultSchema, ...errorResponses },
      },
    },
    async (request) =>
      previewObservationsCsv({ db: ctx.db, csv: request.body, principal: request.principal }),
  );
  app.post(
    "/indicators/import",
    {
      config: { access: observers },
      schema: {
        tags,
        summary:
          "Import observations from CSV: a file with problems imports nothing unless skip_invalid=true",
        description: csvHelp,
        consumes: ["text/csv"],
        querystring: importObservationsQuerySchema,
        body: z.string(),
        response: { 200: observationImportResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const result = await importObservationsCsv({
        db: ctx.db,
        csv: request.body,
        principal: request.principal,
        skipInvalid: request.query.skip_invalid,
      });
      // A refused file is a 400 in the one error shape, each problem named by line and column.
      if (result.problems.length > 0 && result.imported === 0) throw observationsRefusal(result);
      return result;
    },
  );
};
