import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { openDataSchema } from "../../contracts/open-data.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { findOpenData } from "./find-open-data.ts";

export const openDataRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/open-data",
    {
      config: { access: "public" },
      schema: {
        tags: ["open-data"],
        summary: "The published data's licence and when it last changed",
        description:
          "The downloads themselves: GET /api/initiatives (JSON, every filter and sort of the list), GET /api/funding/summary (the roll-up), GET /api/iati/activities.xml and /api/iati/organisation.xml (IATI 2.03), GET /api/openapi.json (this description).",
        response: { 200: openDataSchema, ...errorResponses },
      },
    },
    async () => findOpenData({ db: ctx.db }),
  );
};
