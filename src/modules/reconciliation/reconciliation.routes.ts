import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { csvListSchema } from "../../contracts/common.ts";
import { reconciliationSchema } from "../../contracts/reconciliation.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { isStaff } from "../accounts/index.ts";
import { differencesCsv, reconcilePublications } from "./reconcile-publications.ts";

const tags = ["reconciliation"];
const querySchema = z.object({
  threshold: z
    .string()
    .regex(/^\d{1,15}(\.\d{1,2})?$/, 'must be a USD amount such as "1000.00"')
    .default("1.00")
    .meta({ description: "List differences larger than this many US dollars" }),
  partner: csvListSchema(z.string().trim().min(1).max(64))
    .optional()
    .meta({ description: "Partner codes, e.g. IDB,EU" }),
});
export const reconciliationRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const run = (query: z.infer<typeof querySchema>, staff: boolean) =>
    reconcilePublications({
      db: ctx.db,
      thresholdUsd: query.threshold,
      ...(query.partner && { partnerCodes: query.partner.map((p) => p.toUpperCase()) }),
      publishedOnly: !staff,
    });
  app.get(
    "/reconciliation",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary:
          "Recorded vs published by each partner with an imported IATI publication, per initiative and year: differences above a threshold",
        querystring: querySchema,
        response: {
          200: reconciliationSchema,
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      threshold: request.query.threshold,
      data: await run(request.query, isStaff(request.principal)),
    }),
  );
  app.get(
    "/reconciliation.csv",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "The same differences as CSV",
        querystring: querySchema,
        produces: ["text/csv"],
      },
    },
    async (request, reply) =>
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="esca-reconciliation.csv"')
        .send(differencesCsv(await run(request.query, isStaff(request.principal)))),
  );
};
