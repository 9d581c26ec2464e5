import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { searchAnswerSchema, searchQuerySchema } from "./search.schema.ts";
import { searchRecords } from "./search-records.ts";

const tags = ["search"];

export const searchRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/search",
    {
      schema: {
        tags,
        summary:
          "Search published initiatives, partners, OAS bodies, mandates and good practices (Spanish and English, accents ignored)",
        querystring: searchQuerySchema,
        response: { 200: searchAnswerSchema, ...errorResponses },
      },
    },
    async (request) => searchRecords({ db: ctx.db, query: request.query }),
  );
};
