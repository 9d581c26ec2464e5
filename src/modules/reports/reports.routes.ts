import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import {
  findReports,
  getReport,
  getReportFigures,
  getReportFile,
  MEDIA_TYPES,
} from "./find-reports.ts";
import { getReportJob, startReportJob } from "./report-jobs.ts";
import {
  createReportJobSchema,
  listReportsQuerySchema,
  reportFiguresSchema,
  reportIdParams,
  reportJobSchema,
  reportListSchema,
  reportSchema,
} from "./reports.schema.ts";

const tags = ["reports"];

export const reportRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/reports",
    {
      schema: {
        tags,
        summary: "List the issued reports to the General Assembly, with each file's SHA-256",
        querystring: listReportsQuerySchema,
        response: { 200: reportListSchema, ...errorResponses },
      },
    },
    async (request) =>
      findReports({
        db: ctx.db,
        page: { limit: request.query.limit, offset: request.query.offset },
      }),
  );
  app.get(
    "/reports/:id",
    {
      schema: {
        tags,
        summary: "Read one issued report's symbol, as-of time, language, format and hash",
        params: reportIdParams,
        response: { 200: reportSchema, ...errorResponses },
      },
    },
    async (request) => getReport({ db: ctx.db, id: request.params.id }),
  );
  app.get(
    "/reports/:id/figures",
    {
      schema: {
        tags,
        summary: "The figures an issued report showed (JSON), as stored with it",
        params: reportIdParams,
        response: { 200: reportFiguresSchema, ...errorResponses },
      },
    },
    async (request) => getReportFigures({ db: ctx.db, id: request.params.id }),
  );
  app.get(
    "/reports/:id/file",
    {
      schema: {
        tags,
        summary: "Download an issued report's file, byte for byte as issued",
        params: reportIdParams,
        produces: Object.values(MEDIA_TYPES),
      },
    },
    async (request, reply) => {
      const file = await getReportFile({ db: ctx.db, id: request.params.id });
      return reply
        .type(file.mediaType)
        .header("content-disposition", `attachment; filename="${file.fileName}"`)
        .header("x-content-sha256", file.sha256)
        .header("cache-control", "public, max-age=31536000, immutable")
        .send(file.bytes);
    },
  );
  app.post(
    "/report-jobs",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Issue a report (secretariat): starts a job; poll it for its stage",
        body: createReportJobSchema,
        response: { 202: reportJobSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(202).send(
        await startReportJob({
          db: ctx.db,
          language: request.body.language,
          format: request.body.format,
          ...(request.body.as_of && { asOf: request.body.as_of }),
          principal: request.principal,
        }),
      ),
  );
  app.get(
    "/report-jobs/:id",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "A report job's stage and progress, then its report",
        params: reportIdParams,
        response: { 200: reportJobSchema, ...errorResponses },
      },
    },
    async (request) => getReportJob({ db: ctx.db, id: request.params.id }),
  );
};
